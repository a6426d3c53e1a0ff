/**
 * Scorers for evaluation against references: word error rate after the speech set's normalisation rule
 * ({@link dev.parley.bench.eval.WerScorer}, {@link dev.parley.bench.eval.TextNormalizer},
 * {@link dev.parley.bench.eval.NumberWords}) and diarization error rate ({@link dev.parley.bench.eval.DerScorer}).
 * Pure functions, thread-safe; written apart from the engines they score.
 */
package dev.parley.bench.eval;
