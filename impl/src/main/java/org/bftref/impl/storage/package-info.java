/**
 * Durable storage for a replica: {@link org.bftref.impl.storage.FileStorage}, the file-backed
 * {@link org.bftref.impl.core.Storage}. One append-only, checksummed log per replica, forced to the disk before
 * each append returns (the core's "persist before send"), compacted at stable checkpoints with the rules of
 * {@link org.bftref.impl.core.InMemoryStorage}, and opened with an explicit
 * {@link org.bftref.impl.storage.RecoveryReport}: a torn tail is cut and reported, damage in the middle stops
 * with a {@link org.bftref.impl.storage.CorruptLogException}.
 *
 * <p>Nothing here knows about threads beyond one lock, or about the runtime: the runtime opens the storage,
 * hands {@code records()} to {@code Replica.recover}, and calls {@code append} for every {@code Effect.Persist}
 * before performing the effects after it.
 */
package org.bftref.impl.storage;
