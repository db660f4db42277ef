/**
 * A wire story, a re-written copy of it (one sentence condensing two of the wire's), and a feature that took four of
 * the wire's sentences into a story of its own: a cluster with a rewritten member and a related article.
 */
export const REUSE_FILES: Record<string, readonly string[]> = {
  'wire.txt': [
    'Comedian Les Dawson was honoured with a blue plaque at the Palace Theatre in Manchester today.',
    'The plaque was unveiled by his comedy partner Roy Barraclough in front of family and friends.',
    'Dawson, the former host of Blankety Blank, died in 1993 at the age of 62.',
    'A second plaque honours the variety star Norman Evans, one of his greatest influences.',
    'Tickets for the memorial show at the theatre sold out within two hours.',
    'The theatre plans a season of variety nights in his memory next spring.',
    'Local schools will study his career as part of a project on northern entertainers.',
    'A statue in his home town of Lytham St Annes was unveiled in 2008 by his widow.',
  ],
  'wire-rewritten.txt': [
    "On Thursday the comic Les Dawson received a blue plaque, fixed to the wall of Manchester's Palace Theatre.",
    'Roy Barraclough, his long-time partner in comedy, did the unveiling while relatives and friends looked on.',
    'Dawson, once the presenter of Blankety Blank, died aged 62 in 1993, and a second plaque remembers Norman Evans, the variety performer who inspired him most.',
    "Every ticket for the theatre's memorial evening was gone in under two hours.",
    'Next spring the venue will stage a run of variety nights to remember him.',
    'Pupils across the region are to learn about his career through a project on comedians from the north.',
    'In 2008 his widow revealed a statue of him in Lytham St Annes, the town he called home.',
  ],
  'feature.txt': [
    'Manchester has always loved its comedians, and few more than the lugubrious pianist from Collyhurst.',
    'Comic Les Dawson was honoured with a blue plaque at Manchester Palace Theatre.',
    'Critics never knew what to make of the wrong notes Dawson played at the theatre piano.',
    'His old comedy partner Roy Barraclough unveiled the plaque in front of family and friends.',
    'Television made the Blankety Blank host a household name, and variety audiences followed him.',
    'Former Blankety Blank host Dawson died in 1993 at the age of 62.',
    'Northern entertainers still quote his routines at memorial nights in Lytham St Annes.',
    'His widow keeps his scripts and letters at their home town by the sea.',
    'A biography of the comedian is planned for next spring.',
  ],
};
