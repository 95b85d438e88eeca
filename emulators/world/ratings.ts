// What an interviewer rates besides the overall recommendation: a few attributes per interview
// kit (communication, problem solving, …), on the world's 1–5 scale (1 strong no, 2 no, 3 mixed,
// 4 yes, 5 strong yes), leaning the way the overall recommendation went, as real scorecards do.
// Now and then an attribute is left unrated (null).
import type { AttributeRating, CanonicalStage, Recommendation } from './types.ts';
import { chance, normal, type RngState } from './rng.ts';

export interface Attribute {
  name: string;
  /** the attribute's group, as scorecards show it (Greenhouse's candidate attribute type) */
  category: 'Skills' | 'Qualifications' | 'Personality Traits';
}

/** The attribute groups, in the order vendors list them. */
export const ATTRIBUTE_CATEGORIES: readonly Attribute['category'][] = ['Skills', 'Qualifications', 'Personality Traits'];

export const ATTRIBUTES: readonly Attribute[] = [
  { name: 'Communication', category: 'Skills' },
  { name: 'Problem Solving', category: 'Skills' },
  { name: 'Technical Depth', category: 'Qualifications' },
  { name: 'Ownership', category: 'Personality Traits' },
  { name: 'Collaboration', category: 'Personality Traits' },
  { name: 'Role Fit', category: 'Qualifications' },
  { name: 'Motivation', category: 'Personality Traits' },
];

/** The attributes a kit asks for: screens ask about fit and motivation, interviews about skills. */
export function kitAttributes(canonical: CanonicalStage, kitIndex: number): number[] {
  if (canonical === 'screen') return [0, 5, 6];
  const skill = [1, 2, 3, 4];
  return [0, skill[kitIndex % 4]!, skill[(kitIndex + 1) % 4]!];
}

const CENTRE: Readonly<Record<Recommendation, number>> = { strong_no: 1.4, no: 2.2, yes: 3.9, strong_yes: 4.6, no_decision: 3 };

/** Ratings for one scorecard, drawn from `rng` around the overall recommendation. */
export function drawRatings(rng: RngState, canonical: CanonicalStage, kitIndex: number, rec: Recommendation): AttributeRating[] {
  return kitAttributes(canonical, kitIndex).map((attribute) => {
    if (chance(rng, 0.05)) return { attribute, rating: null };
    const r = Math.round(CENTRE[rec] + 0.8 * normal(rng));
    return { attribute, rating: Math.min(5, Math.max(1, r)) };
  });
}
