package org.bftref.impl.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bftref.impl.core.Durable;
import org.bftref.impl.core.InMemoryStorage;
import org.bftref.impl.core.Storage;
import org.bftref.impl.crypto.Codec;

/**
 * A replica's {@link Durable} records in an append-only file, {@code replica-<id>.log} in a directory.
 *
 * <h2>Format (version {@value #FORMAT_VERSION})</h2>
 * A 20-byte header: the magic {@code BFTREFLG}, the format version and the replica id (ints), and a CRC-32C of
 * those 16 bytes. Then records, each framed as {@link RecordCodec} says: length, type, payload (signed messages
 * in the canonical wire codec), CRC-32C over length, type and payload. A new log is created whole (header
 * written, forced and renamed into place), so a log with a damaged header was damaged after it was made.
 *
 * <h2>Persist before send</h2>
 * {@link #append} writes the record and forces it to the disk ({@link FileChannel#force}) before it returns.
 * The core emits a {@link org.bftref.impl.core.Effect.Persist} before the sends it protects, and the caller
 * performs them only after append returns; that is how a replica never sends a vote it could forget in a
 * crash, and so never signs a conflicting vote after a restart. Without the force, the record could still be in
 * the page cache when the vote is on the wire, and a power failure would lose it.
 *
 * <h2>Opening: torn tails and corrupt middles</h2>
 * {@link #open} reads every record in order. When a record fails its checks (a cut-off head or body, an
 * impossible length or type, a checksum mismatch), the reader looks at every later byte offset for a
 * record that passes them all (sane length and type, within the file, checksum right):
 * <ul>
 *   <li>None: the damaged record is the <b>torn tail</b> a crash in the middle of an append leaves. Its
 *       append had not returned, so nothing it protects was sent: the file is truncated to the last good record
 *       and forced, and the {@link RecoveryReport} says so (and it is logged as a warning).</li>
 *   <li>One: the damage is in the <b>middle</b>. Records after it were written, forced and possibly acted on,
 *       so dropping them could make the replica forget votes it sent. Opening fails with a one-line
 *       {@link CorruptLogException} naming the file, the byte offset and the record index.</li>
 * </ul>
 * Every offset is tried, not only the one the damaged record's length points to, because that length is one
 * of the bytes that may be wrong. What this cannot tell apart: a damaged middle record whose successors are all
 * damaged too reads as a torn tail; a damaged last record that had been forced and acted on (bit rot rather
 * than a crash) is cut like a torn one; the report's {@link RecoveryReport.TailDamage} names what it saw. The
 * other way round, a torn record whose bytes happen to contain a whole valid record (a service snapshot that
 * holds such a log) reads as damage in the middle, and opening refuses: the safe side. The search tries each
 * offset cheaply (length and type first), but a long damaged region full of plausible record heads costs a
 * checksum over each; a checksum of the head alone (a format version 2) would bound that. A record whose
 * checksum is right but which does not decode stops opening wherever it is: that is a format or a bug, not
 * the disk.
 *
 * <h2>Compaction</h2>
 * Which records are still needed is decided by an {@link InMemoryStorage}, so the obsolescence rules are the
 * ones the simulator uses, by construction: a stable checkpoint makes the records at or below it obsolete, a
 * newer state the older one, a newer view record the older ones. That copy is also what {@link #records()}
 * returns, so memory stays bounded by what recovery needs. After a record that made others obsolete (in a
 * long run, mostly a stable checkpoint), if the file's obsolete bytes reach both its live bytes and
 * {@link Options#compactionGarbageBytesMin}, the live records are written to {@code replica-<id>.log.compacting},
 * forced, renamed over the log (atomic), and the directory is forced so the rename itself survives a crash.
 * A crash before the rename leaves the old, complete log and a stray temporary file, which the next open
 * deletes and reports; after the rename, either name holds a complete, forced log. The file stays under about
 * twice the live bytes plus the minimum, and each byte is rewritten a bounded number of times on average.
 *
 * <h2>Threads</h2>
 * The runtime calls {@link #append} from the replica's thread only, but the class is thread-safe anyway: every
 * public method takes one private lock, and the whole append (write, force, bookkeeping, compaction) is one
 * critical section in {@code appendFrame}, so concurrent appends never interleave their bytes and
 * {@link #records()} sees an append entirely or not at all. Encoding happens before the lock: it reads only the
 * record. A lock file ({@code replica-<id>.lock}, an OS file lock) keeps a second process, or a second instance
 * in this one, from appending to the same log.
 *
 * <h2>Failures</h2>
 * If a write or force fails, append throws {@link UncheckedIOException} and the storage refuses every later
 * append: the caller must not perform the step's sends, and must restart the replica. Retrying is unsafe: the
 * file may hold part of the record, and after a failed fsync Linux may already have dropped the dirty pages, so
 * a second force can succeed without the data ever reaching the disk. Opening again reads what really is there.
 */
public final class FileStorage implements Storage, AutoCloseable {

    static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = "BFTREFLG".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + Integer.BYTES + Integer.BYTES;

    private static final System.Logger LOG = System.getLogger(FileStorage.class.getName());

    /**
     * @param recordBytesMax            the largest payload of one record; larger appends are refused before
     *                                  anything is written. It also bounds how much a damaged length field
     *                                  can make the reader look at
     * @param compactionGarbageBytesMin compact only once at least this many bytes of the file are obsolete
     *                                  (and at least as many as are live), so compaction is amortised
     * @param limits                    the codec's limits for the signed messages inside records
     */
    public record Options(int recordBytesMax, long compactionGarbageBytesMin, Codec.Limits limits) {

        /** 256 MiB records (a service snapshot is one), compaction from 1 MiB of garbage on. */
        public static final Options DEFAULT = new Options(256 << 20, 1 << 20, Codec.Limits.DEFAULT);

        public Options {
            if (recordBytesMax < 1 || recordBytesMax > Integer.MAX_VALUE - 2 * RecordCodec.FRAME_OVERHEAD_BYTES) {
                throw new IllegalArgumentException("recordBytesMax out of range: " + recordBytesMax);
            }
            if (compactionGarbageBytesMin < 0) {
                throw new IllegalArgumentException("compactionGarbageBytesMin must be >= 0: " + compactionGarbageBytesMin);
            }
            Objects.requireNonNull(limits, "limits");
        }

        public Options withCompactionGarbageBytesMin(long bytes) {
            return new Options(recordBytesMax, bytes, limits);
        }
    }

    /** A live record and the size of its frame, in append order, mirroring {@link #live}. */
    private record Entry(Durable record, int frameBytes) {
    }

    private final Object lock = new Object();

    private final Path file;
    private final Path compactingFile;
    private final int replicaId;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final RecoveryReport recoveryReport;

    // Guarded by lock.
    private FileChannel channel;
    private long fileBytes;
    private final InMemoryStorage live = new InMemoryStorage();
    private List<Entry> entries = new ArrayList<>();
    private long liveBytes;
    private long appends;
    private long compactions;
    private IOException failure;
    private boolean closed;

    private FileStorage(Path file, int replicaId, Options options, FileChannel lockChannel, FileLock fileLock,
                        FileChannel channel, long fileBytes, Scan scan, boolean created, boolean leftover,
                        long startedNanos) {
        this.file = file;
        this.compactingFile = compactingFile(file);
        this.replicaId = replicaId;
        this.options = options;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.channel = channel;
        this.fileBytes = fileBytes;
        for (int i = 0; i < scan.records.size(); i++) {
            track(scan.records.get(i), scan.frameBytes.get(i));
        }
        long truncated = scan.damage == RecoveryReport.TailDamage.NONE ? 0 : scan.fileSize - scan.goodEnd;
        this.recoveryReport = new RecoveryReport(file, created, scan.records.size(), live.size(),
                truncated > 0 ? scan.goodEnd : -1, truncated, scan.damage, scan.detail, leftover,
                System.nanoTime() - startedNanos);
    }

    public static String fileName(int replicaId) {
        return "replica-" + replicaId + ".log";
    }

    /**
     * Whether {@code name} is a replica log's file name ({@link #fileName} of some id): how a command tells that a
     * directory already holds an earlier run's logs, from the one place that decides the names.
     */
    public static boolean isLogFileName(String name) {
        return name.matches("replica-\\d+\\.log");
    }

    private static String lockFileName(int replicaId) {
        return "replica-" + replicaId + ".lock";
    }

    public static FileStorage open(Path directory, int replicaId) throws IOException {
        return open(directory, replicaId, Options.DEFAULT);
    }

    /**
     * Opens the log of {@code replicaId} in {@code directory}, creating both if absent: reads every record,
     * truncates a torn tail, removes the file of an interrupted compaction, and says what it did in
     * {@link #recoveryReport()}. Then {@link #records()} is what {@code Replica.recover} needs.
     *
     * @throws CorruptLogException if the log is damaged other than at its tail, or cannot be read by this build
     * @throws IOException         if the file system fails, or another instance holds the log open
     */
    public static FileStorage open(Path directory, int replicaId, Options options) throws IOException {
        if (replicaId < 0) {
            throw new IllegalArgumentException("replica id must be >= 0: " + replicaId);
        }
        long started = System.nanoTime();
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(replicaId));
        FileChannel lockChannel = FileChannel.open(directory.resolve(lockFileName(replicaId)),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileChannel channel = null;
        try {
            FileLock fileLock = lock(lockChannel, file);
            boolean leftover = Files.deleteIfExists(compactingFile(file));
            boolean created = false;
            if (!Files.exists(file)) {
                writeWhole(file, replicaId, List.of());
                created = true;
            } else if (leftover) {
                AtomicFile.forceDirectory(directory);
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Scan scan = scan(channel, file, replicaId, options);
            long fileBytes = channel.size();
            if (scan.damage != RecoveryReport.TailDamage.NONE) {
                channel.truncate(scan.goodEnd);
                channel.force(true); // a crash right after must not bring the damaged bytes back
                fileBytes = scan.goodEnd;
            }
            FileStorage storage = new FileStorage(file, replicaId, options, lockChannel, fileLock, channel,
                    fileBytes, scan, created, leftover, started);
            RecoveryReport report = storage.recoveryReport;
            // A repair is logged where an operator sees it; a clean open or a new log only at DEBUG, since the
            // caller has the report and decides what to print about a new log.
            LOG.log(report.truncated() || leftover ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "{0}", report);
            return storage;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(channel, e);
            closeQuietly(lockChannel, e); // releases the lock too
            throw e;
        }
    }

    private static FileLock lock(FileChannel lockChannel, Path file) throws IOException {
        FileLock fileLock;
        try {
            fileLock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException(file + " is already open in this JVM (close the other FileStorage first)");
        }
        if (fileLock == null) {
            throw new IOException(file + " is open in another process: two incarnations of one replica must "
                    + "never append to one log");
        }
        return fileLock;
    }

    // ------------------------------------------------------------------------------------------------
    // Appending

    /**
     * Writes the record and forces it to the disk; only then returns. The caller performs the effects that
     * follow a {@code Persist} only after this returns (persist before send).
     *
     * @throws IllegalArgumentException if the record is larger than {@link Options#recordBytesMax}; nothing
     *                                  was written, and the storage stays usable
     * @throws UncheckedIOException     if writing or forcing failed; the storage is unusable from now on
     * @throws IllegalStateException    if the storage is closed, or an earlier append failed
     */
    @Override
    public void append(Durable record) {
        Objects.requireNonNull(record, "record");
        byte[] frame = RecordCodec.frame(record);
        if (frame.length - RecordCodec.FRAME_OVERHEAD_BYTES > options.recordBytesMax()) {
            // Refused before writing: a record over the limit would read back as a damaged tail and be cut.
            throw new IllegalArgumentException("a " + record.getClass().getSimpleName() + " of "
                    + (frame.length - RecordCodec.FRAME_OVERHEAD_BYTES) + " bytes is over recordBytesMax "
                    + options.recordBytesMax());
        }
        appendFrame(record, frame);
    }

    /** The append's one critical section: nothing else writes the log or changes what is live. */
    private void appendFrame(Durable record, byte[] frame) {
        synchronized (lock) {
            checkUsable();
            try {
                AtomicFile.writeFully(channel, ByteBuffer.wrap(frame), fileBytes);
                // force(true): the file's new length is metadata, and the record is unreadable without it.
                channel.force(true);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException(file + ": append failed; this storage accepts no more appends", e);
            }
            fileBytes += frame.length;
            appends++;
            boolean madeObsolete = track(record, frame.length);
            if (madeObsolete && shouldCompact()) {
                try {
                    compact();
                } catch (IOException e) {
                    // The record itself is durable, but which file is in place is no longer certain.
                    failure = e;
                    throw new UncheckedIOException(file + ": compaction failed after a durable append; "
                            + "this storage accepts no more appends (reopen to recover)", e);
                }
            }
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException(file + ": an earlier write or force failed (" + failure
                    + "); restart the replica: opening the log again reads what really is on the disk", failure);
        }
    }

    /**
     * Applies the obsolescence rules to a new record and keeps the live byte count. InMemoryStorage removes
     * records in place and adds the new one last, so what it keeps is a subsequence of {@link #entries} plus
     * the new record: matched by identity, which gives each kept record its frame size.
     *
     * @return whether the record made others obsolete
     */
    private boolean track(Durable record, int frameBytes) {
        int before = live.size();
        live.append(record);
        entries.add(new Entry(record, frameBytes));
        liveBytes += frameBytes;
        if (live.size() == before + 1) {
            return false;
        }
        List<Durable> kept = live.records();
        List<Entry> next = new ArrayList<>(kept.size());
        long bytes = 0;
        int k = 0;
        for (Entry e : entries) {
            if (k < kept.size() && kept.get(k) == e.record()) {
                next.add(e);
                bytes += e.frameBytes();
                k++;
            }
        }
        if (k != kept.size()) {
            throw new AssertionError("InMemoryStorage kept records that are not in append order");
        }
        entries = next;
        liveBytes = bytes;
        return true;
    }

    private boolean shouldCompact() {
        long garbage = fileBytes - HEADER_BYTES - liveBytes;
        return garbage >= options.compactionGarbageBytesMin() && garbage >= liveBytes;
    }

    /** Rewrites the log as its live records; see the class comment for why each step is crash-safe. */
    private void compact() throws IOException {
        List<Durable> records = new ArrayList<>(entries.size());
        entries.forEach(e -> records.add(e.record()));
        long written = writeWhole(file, replicaId, records);
        FileChannel fresh = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel old = channel;
        channel = fresh;
        fileBytes = written;
        compactions++;
        old.close(); // the renamed-over file; its inode goes once closed
        if (written != HEADER_BYTES + liveBytes) {
            throw new AssertionError("compacted " + written + " bytes for " + liveBytes + " live bytes");
        }
    }

    /**
     * Writes a whole log (header and records) under the temporary name and renames it over {@code file}
     * ({@link AtomicFile#replace}), so that {@code file} is at every instant either the old complete log or the
     * new complete one.
     *
     * @return the bytes written
     */
    private static long writeWhole(Path file, int replicaId, List<Durable> records) throws IOException {
        return AtomicFile.replace(file, compactingFile(file), out -> {
            out.write(header(replicaId));
            for (Durable r : records) {
                out.write(RecordCodec.frame(r));
            }
        });
    }

    static byte[] header(int replicaId) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.put(MAGIC).putInt(FORMAT_VERSION).putInt(replicaId);
        h.putInt(RecordCodec.crc(h.array(), 0, HEADER_BYTES - Integer.BYTES));
        return h.array();
    }

    private static Path compactingFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    // ------------------------------------------------------------------------------------------------
    // Reading

    /** What the reader found: the valid records in order, and where the good part of the file ends. */
    private static final class Scan {
        final List<Durable> records = new ArrayList<>();
        final List<Integer> frameBytes = new ArrayList<>();
        long fileSize;
        long goodEnd;
        RecoveryReport.TailDamage damage = RecoveryReport.TailDamage.NONE;
        String detail = "";
    }

    /**
     * One frame read at an offset: a record's type and payload, or what is wrong with the bytes there. Nothing
     * here throws for bad bytes; the caller decides whether the damage is a tail or a middle.
     */
    private record Frame(byte type, byte[] payload, long end, RecoveryReport.TailDamage damage, String detail) {
        static Frame damaged(RecoveryReport.TailDamage damage, String detail) {
            return new Frame((byte) 0, null, -1, damage, detail);
        }

        boolean valid() {
            return damage == RecoveryReport.TailDamage.NONE;
        }
    }

    private static Scan scan(FileChannel channel, Path file, int replicaId, Options options) throws IOException {
        Scan scan = new Scan();
        scan.fileSize = channel.size();
        Window in = new Window(channel, scan.fileSize);
        checkHeader(in, file, replicaId);
        Codec codec = new Codec(options.limits());
        long position = HEADER_BYTES;
        while (position < scan.fileSize) {
            Frame frame = frameAt(in, position, options.recordBytesMax());
            int index = scan.records.size();
            if (!frame.valid()) {
                long next = nextValidFrame(in, position + 1, options.recordBytesMax());
                if (next >= 0) {
                    throw new CorruptLogException(file, position, index, frame.damage().text() + " (" + frame.detail()
                            + "), and a valid record follows at byte offset " + next
                            + ": damage in the middle of the log, not a torn tail; refusing to guess");
                }
                scan.damage = frame.damage();
                scan.detail = frame.detail();
                break;
            }
            try {
                scan.records.add(RecordCodec.decode(frame.type(), frame.payload(), codec));
            } catch (RecordCodec.MalformedRecordException e) {
                throw new CorruptLogException(file, position, index, "the checksum matches but the record does not "
                        + "decode (a format this build does not read, or a bug; not disk damage): " + e.getMessage());
            }
            scan.frameBytes.add((int) (frame.end() - position));
            position = frame.end();
        }
        scan.goodEnd = position;
        return scan;
    }

    private static void checkHeader(Window in, Path file, int replicaId) throws IOException {
        if (in.size < HEADER_BYTES) {
            throw new CorruptLogException(file, 0, -1, "the file has " + in.size + " bytes, fewer than the "
                    + HEADER_BYTES + "-byte header (a log is created whole, so this is not a torn write)");
        }
        byte[] h = new byte[HEADER_BYTES];
        in.read(0, h, HEADER_BYTES);
        if (!Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptLogException(file, 0, -1, "not a bftref replica log (wrong magic)");
        }
        ByteBuffer b = ByteBuffer.wrap(h, MAGIC.length, HEADER_BYTES - MAGIC.length);
        int version = b.getInt();
        int id = b.getInt();
        int stored = b.getInt();
        if (stored != RecordCodec.crc(h, 0, HEADER_BYTES - Integer.BYTES)) {
            throw new CorruptLogException(file, 0, -1, "header checksum mismatch");
        }
        if (version != FORMAT_VERSION) {
            throw new CorruptLogException(file, 0, -1, "log format version " + version + "; this build reads version "
                    + FORMAT_VERSION);
        }
        if (id != replicaId) {
            throw new CorruptLogException(file, 0, -1, "this is the log of replica " + id + ", opened for replica "
                    + replicaId + " (replaying another replica's votes would be wrong)");
        }
    }

    private static Frame frameAt(Window in, long position, int recordBytesMax) throws IOException {
        long remaining = in.size - position;
        if (remaining < RecordCodec.FRAME_HEAD_BYTES) {
            return Frame.damaged(RecoveryReport.TailDamage.PARTIAL_HEAD,
                    remaining + " of the " + RecordCodec.FRAME_HEAD_BYTES + " bytes of a record's length and type");
        }
        byte[] head = new byte[RecordCodec.FRAME_HEAD_BYTES];
        in.read(position, head, head.length);
        int length = ByteBuffer.wrap(head).getInt();
        byte type = head[Integer.BYTES];
        if (length < 0 || length > recordBytesMax) {
            return Frame.damaged(RecoveryReport.TailDamage.BAD_LENGTH,
                    "length " + length + ", the limit is " + recordBytesMax);
        }
        if (!RecordCodec.isType(type)) {
            return Frame.damaged(RecoveryReport.TailDamage.UNKNOWN_TYPE, "type byte " + type);
        }
        int frameBytes = RecordCodec.FRAME_OVERHEAD_BYTES + length;
        if (frameBytes > remaining) {
            return Frame.damaged(RecoveryReport.TailDamage.PARTIAL_RECORD, "a " + RecordCodec.typeName(type) + " of "
                    + frameBytes + " bytes, " + remaining + " remain in the file");
        }
        byte[] bytes = new byte[frameBytes];
        in.read(position, bytes, frameBytes);
        int checked = RecordCodec.FRAME_HEAD_BYTES + length;
        int stored = ByteBuffer.wrap(bytes, checked, Integer.BYTES).getInt();
        int computed = RecordCodec.crc(bytes, 0, checked);
        if (stored != computed) {
            return Frame.damaged(RecoveryReport.TailDamage.CHECKSUM_MISMATCH,
                    "a " + RecordCodec.typeName(type) + " of " + frameBytes + " bytes, stored CRC "
                            + Integer.toHexString(stored) + ", computed " + Integer.toHexString(computed));
        }
        return new Frame(type, Arrays.copyOfRange(bytes, RecordCodec.FRAME_HEAD_BYTES, checked),
                position + frameBytes, RecoveryReport.TailDamage.NONE, "");
    }

    /**
     * The first offset from {@code from} on where a valid frame starts, or -1. Rarely called (only when a
     * record is damaged), and usually over a few bytes (a torn tail); most offsets fail on the length or the
     * type byte without a checksum being computed.
     */
    private static long nextValidFrame(Window in, long from, int recordBytesMax) throws IOException {
        for (long p = from; p + RecordCodec.FRAME_OVERHEAD_BYTES <= in.size; p++) {
            if (frameAt(in, p, recordBytesMax).valid()) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Positional reads through a 64 KiB window, so that reading frame heads one after another (and the
     * byte-by-byte search after a damaged record) costs a system call per window, not per read.
     */
    private static final class Window {
        private final FileChannel channel;
        final long size;
        private final byte[] window = new byte[64 << 10];
        private long windowStart = -1;
        private int windowLength;

        Window(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        /** Reads {@code n} bytes at {@code position} into {@code into}; the caller checked they are in the file. */
        void read(long position, byte[] into, int n) throws IOException {
            if (n > window.length) {
                readAt(position, ByteBuffer.wrap(into, 0, n));
                return;
            }
            if (windowStart < 0 || position < windowStart || position + n > windowStart + windowLength) {
                windowLength = (int) Math.min(window.length, size - position);
                readAt(position, ByteBuffer.wrap(window, 0, windowLength));
                windowStart = position;
            }
            System.arraycopy(window, (int) (position - windowStart), into, 0, n);
        }

        private void readAt(long position, ByteBuffer into) throws IOException {
            long at = position;
            while (into.hasRemaining()) {
                int read = channel.read(into, at);
                if (read < 0) {
                    throw new IOException("the log shrank while it was being read, at offset " + at);
                }
                at += read;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The rest of Storage, and what tests and the runtime want to see

    /** The live records, in append order: what {@code Replica.recover} needs. */
    @Override
    public List<Durable> records() {
        synchronized (lock) {
            return live.records();
        }
    }

    /** What opening the log found and repaired. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    public Path file() {
        return file;
    }

    /** The log's size in bytes, header included. */
    public long fileBytes() {
        synchronized (lock) {
            return fileBytes;
        }
    }

    /** The bytes of the live records' frames: what a compaction would keep, less the header. */
    public long liveBytes() {
        synchronized (lock) {
            return liveBytes;
        }
    }

    public long appends() {
        synchronized (lock) {
            return appends;
        }
    }

    public long compactions() {
        synchronized (lock) {
            return compactions;
        }
    }

    /**
     * Closes the file and releases the lock. Writes nothing: every append is already durable, so closing is
     * the same as crashing, which is what the crash tests use it for.
     */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } finally {
                try {
                    fileLock.release();
                } finally {
                    lockChannel.close();
                }
            }
        }
    }

    private static void closeQuietly(FileChannel c, Throwable cause) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "FileStorage[" + file + "]";
    }
}
