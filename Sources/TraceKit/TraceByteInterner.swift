/// Builds a ``StringColumn`` from cells given as bytes, without creating a `String` per row.
///
/// An open-addressing table keyed by a hash of the bytes maps each distinct byte sequence to
/// its code; values of up to 16 bytes (targets, regions, error types, priorities…) live in the
/// table slot itself and compare as two words, longer ones compare against a byte arena. A
/// `String` is made once per distinct value, and it goes through ``StringColumn/code(for:)``.
///
/// Only valid UTF-8 may be inserted (the reader checks new values before ``insert(_:count:)``):
/// repairing invalid bytes to U+FFFD would merge distinct values (`a\xFF` and `a\xFE`).
///
/// Callers must leave at least 16 readable bytes after every value they pass (the reader's
/// buffers are padded): short values are loaded as whole words and masked.
struct TraceByteInterner {
    private struct Slot {
        var hash: UInt64 = 0
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        /// Byte count, or −1 for an empty slot.
        var length: Int = -1
        /// Where bytes 16… of a long value start in the arena.
        var arenaOffset: Int = 0
        var code: UInt32 = 0
    }

    /// The column built so far.
    private(set) var column = StringColumn()
    private var slots = [Slot](repeating: Slot(), count: 16)
    private var occupied = 0
    private var arena: [UInt8] = []

    /// What ``find(_:count:)`` returns for a value not in the dictionary.
    static let absent = UInt32.max

    init() {}

    /// Appends a row holding the value with `code` (from ``find(_:count:)`` or
    /// ``insert(_:count:)``).
    @inline(__always)
    mutating func append(code: UInt32) {
        column.append(code: code)
    }

    /// Reserves room for `rows` rows.
    mutating func reserveCapacity(_ rows: Int) {
        column.reserveCapacity(rows)
    }

    /// The code of the value in `bytes`, or ``absent`` when it is not in the dictionary yet.
    @inline(__always)
    func find(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        let (word0, word1, hash) = Self.key(bytes, count: count)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.length < 0 { return Self.absent }
            if slot.hash == hash, slot.length == count, slot.word0 == word0, slot.word1 == word1,
               count <= 16 || sameTail(slot.arenaOffset, bytes + 16, count - 16) {
                return slot.code
            }
            index = (index &+ 1) & mask
        }
    }

    /// Adds the value in `bytes`, which must be valid UTF-8 and not in the dictionary yet
    /// (``find(_:count:)`` returned ``absent``), and returns its code.
    @inline(never)
    mutating func insert(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        let (word0, word1, hash) = Self.key(bytes, count: count)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].length >= 0 { index = (index &+ 1) & mask }
        return insert(bytes, count: count, hash: hash, word0: word0, word1: word1, at: index)
    }

    /// The first two words of a value and its hash.
    @inline(__always)
    private static func key(_ bytes: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64, UInt64) {
        let word0 = load(bytes, count)
        let word1 = count > 8 ? load(bytes + 8, count - 8) : 0
        var hash = (word0 &* 0x9E37_79B9_7F4A_7C15) ^ (word1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        if count > 16 { hash = hashTail(bytes + 16, count - 16, hash) }
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return (word0, word1, hash)
    }

    /// The first `count` (≤ 8 used) bytes at `bytes` as a word, the rest zeroed.
    @inline(__always)
    private static func load(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
        if count >= 8 { return word }
        return word & ((1 &<< UInt64(count &* 8)) &- 1)
    }

    @inline(never)
    private static func hashTail(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ seed: UInt64) -> UInt64 {
        var hash = seed
        var offset = 0
        while offset < count {
            let word = load(bytes + offset, count - offset)
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 31
            offset += 8
        }
        return hash
    }

    @inline(never)
    private func sameTail(_ offset: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            for index in 0..<count where stored[offset + index] != bytes[index] { return false }
            return true
        }
    }

    private mutating func insert(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64,
                                 word0: UInt64, word1: UInt64, at index: Int) -> UInt32 {
        let value = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        let code = column.code(for: value)
        var slot = Slot(hash: hash, word0: word0, word1: word1, length: count, arenaOffset: 0, code: code)
        if count > 16 {
            slot.arenaOffset = arena.count
            arena.append(contentsOf: UnsafeBufferPointer(start: bytes + 16, count: count - 16))
        }
        slots[index] = slot
        occupied += 1
        if occupied * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.length >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index].length >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
