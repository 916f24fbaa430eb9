// The names the sandbox company's people are drawn from, and the draw itself: distinct "First Last" pairs.
import type { Prng } from '../core/prng.js';

const FIRST_NAMES = [
  'Ada',
  'Aiko',
  'Alan',
  'Barbara',
  'Brian',
  'Bruno',
  'Carla',
  'Chen',
  'Clara',
  'Dana',
  'Diego',
  'Dmitri',
  'Elena',
  'Emeka',
  'Esther',
  'Farah',
  'Fatima',
  'Felix',
  'Gabriel',
  'Grace',
  'Gustav',
  'Hana',
  'Helga',
  'Hugo',
  'Ibrahim',
  'Ines',
  'Ivan',
  'Jana',
  'Joana',
  'Jorge',
  'Kai',
  'Keiko',
  'Kofi',
  'Lena',
  'Liam',
  'Lucia',
  'Marek',
  'Maya',
  'Mateo',
  'Nadia',
  'Nina',
  'Noah',
  'Olga',
  'Omar',
  'Pavel',
  'Priya',
  'Quinn',
  'Ravi',
  'Rosa',
  'Sara',
  'Sven',
  'Tara',
  'Tomas',
  'Uma',
  'Victor',
  'Wen',
  'Xavier',
  'Yara',
  'Yusuf',
  'Zoe',
] as const;

const LAST_NAMES = [
  'Adams',
  'Andersen',
  'Baker',
  'Bianchi',
  'Castillo',
  'Costa',
  'Dubois',
  'Dvorak',
  'Eriksen',
  'Evans',
  'Ferreira',
  'Fischer',
  'Garcia',
  'Gomez',
  'Hansen',
  'Horvat',
  'Ibarra',
  'Ito',
  'Jansen',
  'Jovanovic',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lopez',
  'Meyer',
  'Moreau',
  'Nakamura',
  'Novak',
  'Okafor',
  'Olsen',
  'Park',
  'Petrov',
  'Quist',
  'Qureshi',
  'Ramos',
  'Rossi',
  'Schmidt',
  'Silva',
  'Takahashi',
  'Tanaka',
  'Ueda',
  'Underwood',
  'Varga',
  'Vasquez',
  'Wagner',
  'Weber',
  'Xu',
  'Yilmaz',
  'Young',
  'Zhang',
] as const;

export interface PersonName {
  firstName: string;
  lastName: string;
}

/** `count` different names (no two people share one by chance: homonyms are made on purpose, see plan.ts). */
export function distinctNames(prng: Prng, count: number): PersonName[] {
  if (count > FIRST_NAMES.length * LAST_NAMES.length) throw new Error(`only ${FIRST_NAMES.length * LAST_NAMES.length} names to draw from`);
  const used = new Set<string>();
  const names: PersonName[] = [];
  while (names.length < count) {
    const name = { firstName: prng.pick(FIRST_NAMES), lastName: prng.pick(LAST_NAMES) };
    const key = `${name.firstName} ${name.lastName}`;
    if (used.has(key)) continue;
    used.add(key);
    names.push(name);
  }
  return names;
}

/**
 * Advances a simulator's own generator past the two draws its seed spent on a name before the company directory
 * named its people, so that every id and attribute drawn after them stays the one the docs and tests name.
 */
export function skipNameDraws(prng: Prng): void {
  prng.next();
  prng.next();
}
