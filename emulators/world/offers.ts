// Offers: drafted after the candidate enters the offer stage, sent, sometimes revised (each revision
// is a new offer version and deprecates the previous one), then accepted or declined. Acceptance
// is the hire: offer resolution, application hiredAt and the opening's closedAt are the same instant
// — except when the candidate backs out after accepting (reneges): the offer stays accepted and the
// application is rejected days later, releasing the opening.
import type { Offer, World } from './types.ts';
import { EV, STEP_REJECT, schedule } from './events.ts';
import { chance, logNormal, rand } from './rng.ts';
import { DAY, isoDate } from './time.ts';
import { REASON } from './org.ts';
import { RATES, UNTIDY } from './rates.ts';
import { fillOpening } from './jobs.ts';
import { finishApplication } from './applications.ts';

function newOffer(world: World, appId: number, openingId: number, version: number, t: number): Offer {
  const app = world.applications[appId - 1]!;
  const offer: Offer = {
    id: world.offers.length + 1,
    applicationId: appId,
    candidateId: app.candidateId,
    // Only applications to a job reach an offer (see enterOfferStage).
    jobId: app.jobId!,
    openingId,
    version,
    status: 'pending',
    createdAt: t,
    updatedAt: t,
    sentOn: null,
    resolvedAt: null,
    startsOn: isoDate(t + Math.round(14 + rand(world.sim.rng) * 35) * DAY),
  };
  world.offers.push(offer);
  app.offerIds.push(offer.id);
  app.updatedAt = t;
  app.lastActivityAt = t;
  schedule(world.sim, t + logNormal(world.sim.rng, 0.7 * DAY, 0.6), EV.OFFER_SEND, offer.id);
  return offer;
}

export function offerCreated(world: World, appId: number, openingId: number, tok: number, t: number): void {
  const app = world.applications[appId - 1]!;
  if (tok !== world.sim.appToken[appId - 1] || app.status !== 'active') return;
  newOffer(world, appId, openingId, 1, t);
}

export function offerSent(world: World, offerId: number, t: number): void {
  const offer = world.offers[offerId - 1]!;
  if (offer.status !== 'pending') return;
  offer.sentOn = isoDate(t);
  offer.updatedAt = t;
  const rng = world.sim.rng;
  if (offer.version < 3 && chance(rng, RATES.offerRevised)) {
    schedule(world.sim, t + logNormal(rng, 3 * DAY, 0.5), EV.OFFER_REVISE, offerId);
  } else {
    const accept = chance(rng, RATES.offerAccept) ? 1 : 0;
    schedule(world.sim, t + logNormal(rng, 3 * DAY, 0.7), EV.OFFER_RESOLVE, offerId, accept);
  }
}

export function offerRevised(world: World, offerId: number, t: number): void {
  const offer = world.offers[offerId - 1]!;
  if (offer.status !== 'pending' || world.applications[offer.applicationId - 1]!.status !== 'active') return;
  offer.status = 'deprecated';
  offer.updatedAt = t;
  newOffer(world, offer.applicationId, offer.openingId ?? 0, offer.version + 1, t);
}

export function offerResolved(world: World, offerId: number, accepted: boolean, t: number): void {
  const offer = world.offers[offerId - 1]!;
  const app = world.applications[offer.applicationId - 1]!;
  if (offer.status !== 'pending' || app.status !== 'active') return;
  offer.status = accepted ? 'accepted' : 'declined';
  offer.resolvedAt = t;
  offer.updatedAt = t;
  if (accepted && chance(world.sim.rng, UNTIDY.renege)) {
    app.updatedAt = t;
    app.lastActivityAt = t;
    const later = t + logNormal(world.sim.rng, 7 * DAY, 0.7);
    schedule(world.sim, later, EV.APP_STEP, app.id, STEP_REJECT, REASON.otherOffer, world.sim.appToken[app.id - 1]);
  } else if (accepted) {
    finishApplication(world, app, t, 'hired');
    fillOpening(world, offer.openingId!, app.id, t);
  } else {
    finishApplication(world, app, t, 'rejected', REASON.declinedOffer);
  }
}
