import { PAGES, type PageId, type PageModel } from '../html.ts';
import type { ReportDb } from '../warehouse.ts';
import type { PageInput } from './common.ts';
import { diversityPage, hasDiversity } from './diversity.ts';
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
  diversity: diversityPage,
};

/**
 * The pages a connection's nav lists: every page, and Diversity only for a connection with
 * demographic data (`demographics: true`), so a recruiter never meets an empty page in the nav.
 */
export async function availablePages(db: ReportDb, connection: string): Promise<(typeof PAGES)[number][]> {
  const diversity = await hasDiversity(db, connection);
  return PAGES.filter((p) => p.id !== 'diversity' || diversity);
}
