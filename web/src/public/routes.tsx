/**
 * The public pages: one line per page, `{ path, page }` (a `:name` segment is a parameter handed to the page).
 * Pages are lazy: each is its own small chunk, loaded when first opened.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface PublicRoute {
  path: string;
  /** The page's title in the header and the tab. */
  title: string;
  page: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
}

export const PUBLIC_ROUTES: PublicRoute[] = [
  { path: '/p', title: '公众服务', page: lazy(() => import('./pages/home')) },
  { path: '/p/report', title: '随手拍', page: lazy(() => import('./pages/report')) },
  { path: '/p/track/:code', title: '办理进度', page: lazy(() => import('./pages/track')) },
  { path: '/p/exposure', title: '曝光台', page: lazy(() => import('./pages/exposure-list')) },
  { path: '/p/exposure/units', title: '单位曝光记录', page: lazy(() => import('./pages/exposure-units')) },
  { path: '/p/exposure/:id', title: '曝光详情', page: lazy(() => import('./pages/exposure-detail')) },
  { path: '/p/rankings', title: '红黑榜', page: lazy(() => import('./pages/rankings')) },
  // 好人之城: 好人榜 by month and category, a selection on display, a candidate's deeds and the vote.
  { path: '/p/honours', title: '好人榜', page: lazy(() => import('./pages/honours')) },
  { path: '/p/honours/candidates/:id', title: '身边好人', page: lazy(() => import('./pages/honours-candidate')) },
  { path: '/p/honours/:id', title: '好人评选', page: lazy(() => import('./pages/honours-selection')) },
  { path: '/p/honours/:id/nominate', title: '推荐身边好人', page: lazy(() => import('./pages/honours-nominate')) },
  // 志愿之城: a resident registers as a volunteer (?team=<id> preselects the team); anyone checks a certificate.
  { path: '/p/volunteer', title: '注册志愿者', page: lazy(() => import('./pages/volunteer-register')) },
  { path: '/p/volunteer-certificates', title: '志愿服务证明查验', page: lazy(() => import('./pages/volunteer-certificate')) },
  { path: '/p/volunteer-certificates/:code', title: '志愿服务证明查验', page: lazy(() => import('./pages/volunteer-certificate')) },
  // 慈善之家: every project's public ledger (raised, spent, balance, entries with receipts).
  { path: '/p/charity', title: '慈善之家', page: lazy(() => import('./pages/charity-list')) },
  { path: '/p/charity/projects/:id', title: '慈善项目公开台账', page: lazy(() => import('./pages/charity-project')) },
  // 问卷调查's public link (a wave's token; ?town=<townId> preselects the town).
  { path: '/s/:waveToken', title: '问卷调查', page: lazy(() => import('./pages/survey')) },
];
