import type { Lang } from '@vigie/domain';

export interface RenderOptions {
  lang: Lang;
}
