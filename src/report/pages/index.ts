import type { PageId, PageModel } from '../html.ts';
import type { PageInput } from './common.ts';
import { funnelPage } from './funnel.ts';
import { offersPage } from './offers.ts';
import { pipelinePage } from './pipeline.ts';
import { sourcesPage } from './sources.ts';
import { speedPage } from './speed.ts';

/** Every page, built the same way for `report` and `serve`. */
export const PAGE_BUILDERS: Readonly<Record<PageId, (input: PageInput) => Promise<PageModel>>> = {
  funnel: funnelPage,
  speed: speedPage,
  pipeline: pipelinePage,
  sources: sourcesPage,
  offers: offersPage,
};
