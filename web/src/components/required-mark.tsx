/**
 * Required-field star drawn by CSS on an aria-hidden span, so neither the label's text nor the
 * field's accessible name gains a "*" (tests and screen readers get "单位名称", not "* 单位名称").
 */
import type { ReactNode } from 'react';

/** antd `requiredMark` renderer (the star's style is in index.html, `.cc-required-mark`). */
export function renderRequiredMark(label: ReactNode, { required }: { required: boolean }) {
  return (
    <>
      {required && <span aria-hidden="true" className="cc-required-mark" />}
      {label}
    </>
  );
}
