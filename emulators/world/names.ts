// Fake but plausible vocabularies. Picking from fixed lists with the seeded RNG keeps PII fake and
// deterministic; emails use reserved example domains so nothing can ever reach a real inbox.

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Arjun', 'Beatriz', 'Ben', 'Carlos', 'Chen', 'Chloe', 'Dana', 'David',
  'Deepa', 'Diego', 'Elena', 'Emeka', 'Emma', 'Farah', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ibrahim', 'Ines',
  'Isaac', 'Jamal', 'Jana', 'Jin', 'Jonas', 'Julia', 'Kai', 'Kavya', 'Kenji', 'Lara', 'Leo', 'Lina', 'Luca',
  'Maya', 'Mei', 'Mohammed', 'Nadia', 'Nia', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sam',
  'Sara', 'Sofia', 'Tariq', 'Tom', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe', 'Zainab',
] as const;

export const LAST_NAMES = [
  'Abara', 'Alvarez', 'Andersen', 'Baker', 'Bianchi', 'Chen', 'Costa', 'Da Silva', 'Dubois', 'Eriksen',
  'Fischer', 'Garcia', 'Goldberg', 'Gupta', 'Haddad', 'Hansen', 'Ito', 'Jackson', 'Kim', 'Kowalski',
  'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Mensah', 'Moreau', 'Murphy', 'Nakamura', "O'Brien",
  'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quinn', 'Rahman', 'Rossi', 'Schmidt', 'Silva', 'Singh',
  'Smith', 'Sousa', 'Tanaka', 'Torres', 'Nguyen', 'Van Dijk', 'Wagner', 'Wang', 'Williams', 'Yilmaz',
] as const;

export const COMPANIES = [
  'Globex', 'Initech', 'Umbrella Labs', 'Hooli', 'Vandelay Industries', 'Stark Logistics', 'Wayne Data',
  'Soylent Foods', 'Cyberdyne', 'Tyrell Systems', 'Massive Dynamic', 'Wonka Retail', 'Pied Piper',
] as const;

export const CANDIDATE_TITLES = [
  'Software Engineer', 'Senior Software Engineer', 'Account Executive', 'Product Manager', 'Designer',
  'Data Analyst', 'Support Specialist', 'Marketing Manager', 'Recruiter', 'Accountant', 'Student',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

/** lower-case ASCII slug for emails */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Names real accounts have: apostrophes, quotes, accents, emoji, scripts other than Latin. */
export const ODD_NAMES: readonly (readonly [string, string])[] = [
  ["D'Angelo", 'Ó Súilleabháin'],
  ['Zoë', 'Brontë-Smith'],
  ['José "Pepe"', 'Núñez'],
  ['Renée 🙂', 'Lefèvre'],
  ['Siobhán', "O'Connor-D'Arcy"],
  ['Łukasz', 'Wróblewski'],
  ['Ngọc', 'Nguyễn'],
  ['Анна', 'Иванова'],
  ['美咲', '佐藤'],
  ['Mary-Kate 🚀', 'Smith; DROP TABLE candidates;--'],
];

/** Job-title decorations seen in real postings. */
export const ODD_JOB_SUFFIXES = [' — "Platform" 🚀', ' (m/w/d)', " – Berlin/Remote, 'hybrid'", ' [URGENT] ⭐', ' / Ingénieur·e'] as const;

/**
 * About 10 kB of text, as pasted job descriptions and CV fields run, ending where a length limit
 * counted in UTF-16 code units (a Java or JavaScript backend's) cut it: in the middle of an emoji,
 * so the API sends its high half alone ("\ud83d"), which JSON allows and warehouses refuse.
 */
export function longText(seed: number): string {
  const words = ['distributed', 'systems', 'ownership', '"impact"', "team's", 'café', '🚀', 'scale', 'mentoring', 'on-call'];
  const out: string[] = [];
  let len = 0;
  for (let i = 0; len < 10_240; i++) {
    const w = words[(seed + i * 7) % words.length]!;
    out.push(w);
    len += w.length + 1;
  }
  out.push('🚀');
  return out.join(' ').slice(0, -1);
}
