// cooperation_to_conflict: dyads that turned from cooperation to conflict: every cooperative
// relation between the two (QuadClass 1-2: meets, supports, supplies, cooperates, ...) is
// dated before every conflictual one (QuadClass 3-4: warns, accuses, sanctions, attacks, ...).
// Either direction counts; each pair is listed once.
//
// Parameters:
//   $since  only dyads whose conflict began on or after this day, YYYY-MM-DD   (default: null)
//
// Returns one row per dyad: actor_a, actor_b, last_cooperation, first_conflict, cooperation
// (relation types), conflict (relation types), days (between the two dates).
// Example: graphkit query cooperation_to_conflict --param since=2023-01-01
MATCH (a:Actor)-[c]-(b:Actor)
WHERE a.id < b.id AND c.quad_class IN [1, 2] AND NOT c.negated AND c.modality IS NULL
  AND c.date IS NOT NULL
WITH a, b, max(c.date) AS last_cooperation, collect(DISTINCT type(c)) AS cooperation
MATCH (a)-[k]-(b)
WHERE k.quad_class IN [3, 4] AND NOT k.negated AND k.modality IS NULL AND k.date IS NOT NULL
WITH a, b, last_cooperation, cooperation, min(k.date) AS first_conflict,
     collect(DISTINCT type(k)) AS conflict
WHERE last_cooperation < first_conflict AND ($since IS NULL OR first_conflict >= $since)
RETURN a.name AS actor_a, b.name AS actor_b, last_cooperation, first_conflict, cooperation,
       conflict, duration.inDays(date(last_cooperation), date(first_conflict)).days AS days
ORDER BY first_conflict DESC, actor_a, actor_b
