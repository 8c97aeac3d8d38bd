/** The home API (首页): the cards and to-dos waiting for the signed-in person (see shared.ts). */
import { z } from 'zod';

/** A figure on the home page, with an optional hint and the page it links to. */
export const homeCard = z.object({
  key: z.string(),
  title: z.string(),
  value: z.union([z.number(), z.string()]),
  hint: z.string().optional(),
  link: z.string().optional(),
});

/** Something waiting for the person, with how many and where to do it. */
export const homeTodo = z.object({
  key: z.string(),
  title: z.string(),
  count: z.number().int(),
  link: z.string(),
});

export const homeResponse = z.object({ cards: z.array(homeCard), todos: z.array(homeTodo) });

export type HomeCardDto = z.input<typeof homeCard>;
export type HomeTodoDto = z.input<typeof homeTodo>;
export type HomeDto = z.input<typeof homeResponse>;
