/** Vocabulary for generated jewelry: realistic enough for demos, benchmarks and search tests. */
import type { Category, Clarity, Metal } from '../../../domain/piece.ts';

export const DESIGNERS = [
  'Maison Loupe',
  'Atelier Verdier',
  'Aurelia Conti',
  'Hale & Marlow',
  'Studio Kaji',
  'Elena Brandt',
  'Orsini Fratelli',
  'Nadia Okafor',
] as const;

export const COLLECTIONS = [
  'Étoile',
  'Riviera',
  'Solstice',
  'Heritage',
  'Lumen',
  'Cascade',
  'Orbit',
  'Bloom',
];

export type { Category };

/** Price bands in major units; the generator scales by stones and metal. */
export const CATEGORIES: ReadonlyArray<{
  category: Category;
  weight: number;
  minPrice: number;
  maxPrice: number;
  grams: [number, number];
}> = [
  { category: 'ring', weight: 35, minPrice: 900, maxPrice: 38_000, grams: [2.5, 9] },
  { category: 'necklace', weight: 15, minPrice: 1_200, maxPrice: 55_000, grams: [4, 28] },
  { category: 'earrings', weight: 18, minPrice: 700, maxPrice: 24_000, grams: [2, 8] },
  { category: 'bracelet', weight: 14, minPrice: 1_100, maxPrice: 32_000, grams: [6, 40] },
  { category: 'pendant', weight: 8, minPrice: 600, maxPrice: 14_000, grams: [1.5, 6] },
  { category: 'watch', weight: 10, minPrice: 3_500, maxPrice: 85_000, grams: [45, 160] },
];

/** Metal, fineness (parts per thousand) and karat for gold. */
/** A metal as hallmarked: gold by karat and fineness, platinum and silver by fineness (‰); a
 *  non-precious alloy (904L steel for watches) has neither, only its name. */
export type MetalSpec = { metal: Metal; fineness?: number; karat?: number; alloy?: string };
export const METALS: readonly MetalSpec[] = [
  { metal: 'yellow-gold', fineness: 750, karat: 18 },
  { metal: 'white-gold', fineness: 750, karat: 18 },
  { metal: 'rose-gold', fineness: 750, karat: 18 },
  { metal: 'yellow-gold', fineness: 585, karat: 14 },
  { metal: 'yellow-gold', fineness: 917, karat: 22 },
  { metal: 'platinum', fineness: 950 },
  { metal: 'silver', fineness: 925 },
];
export const WATCH_METALS: readonly MetalSpec[] = [
  { metal: 'other', alloy: '904L steel' },
  { metal: 'rose-gold', fineness: 750, karat: 18 },
  { metal: 'platinum', fineness: 950 },
];

export const CUTS = [
  'round brilliant',
  'oval',
  'cushion',
  'emerald',
  'pear',
  'princess',
  'marquise',
  'radiant',
];
export const COLOURS = ['D', 'E', 'F', 'G', 'H', 'I', 'J'];
export const CLARITIES: readonly Clarity[] = ['FL', 'IF', 'VVS1', 'VVS2', 'VS1', 'VS2', 'SI1'];
export const COLOURED_STONES = ['sapphire', 'ruby', 'emerald', 'tanzanite', 'spinel', 'aquamarine'];
export const LABS = ['GIA', 'IGI', 'HRD'] as const;

export const TITLES: Record<Category, readonly string[]> = {
  brooch: ['Brooch'],
  other: ['Objet d’art'],
  ring: [
    'Solitaire Ring',
    'Halo Engagement Ring',
    'Eternity Band',
    'Three-Stone Ring',
    'Signet Ring',
    'Cocktail Ring',
  ],
  necklace: ['Rivière Necklace', 'Tennis Necklace', 'Pearl Strand', 'Lariat Necklace', 'Collier'],
  earrings: ['Diamond Studs', 'Drop Earrings', 'Huggie Hoops', 'Chandelier Earrings', 'Climber Earrings'],
  bracelet: ['Tennis Bracelet', 'Bangle', 'Chain Bracelet', 'Cuff'],
  pendant: ['Solitaire Pendant', 'Medallion', 'Halo Pendant', 'Initial Pendant'],
  watch: ['Automatic 39mm', 'Chronograph 41mm', 'Dress Watch 36mm', 'Diver 42mm', 'Moonphase 38mm'],
};

export const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Louis',
  'Hugo',
  'Gabriel',
  'Arthur',
  'Jules',
  'Olivia',
  'Emma',
  'Ava',
  'Sophia',
  'Isabella',
  'James',
  'Henry',
  'Theodore',
  'William',
  'Benjamin',
  'Aiko',
  'Priya',
  'Amara',
  'Sofia',
  'Mateo',
  'Yusuf',
  'Nora',
  'Elena',
  'Lucas',
  'Zoé',
];
export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Moreau',
  'Laurent',
  'Lefèvre',
  'Garnier',
  'Rousseau',
  'Fontaine',
  'Chevalier',
  'Smith',
  'Johnson',
  'Whitman',
  'Carter',
  'Hughes',
  'Bennett',
  'Sullivan',
  'Reyes',
  'Nakamura',
  'Okafor',
  'Rossi',
  'Conti',
  'Schneider',
  'Novak',
  'Haddad',
  'Kapoor',
  'Lindqvist',
  'Costa',
  'Wallace',
  'Ivanova',
];
