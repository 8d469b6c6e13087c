#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TraceKit

extension TraceRecorder {
    /// Formats the buffered rows with ``TraceWriter`` and appends them to the current file,
    /// starting the next file whenever a row would take the current one past
    /// ``Configuration/maxFileBytes``. Called under the lock; every row ends up written or
    /// counted as dropped.
    func writePending(_ state: inout State) {
        defer {
            state.statistics.pendingRows = state.pending.count
            state.statistics.files = state.output.files
        }
        guard !state.pending.isEmpty else { return }
        let records = state.pending
        state.pending.removeAll(keepingCapacity: true)

        // One writer per batch: it formats exactly as every other trace file is formatted and
        // checks the ranges the reader enforces. Its output starts with the header, which the
        // file already has.
        let file = state.output.currentPath
        var bytes: [UInt8] = []
        let writer = TraceWriter(optionalColumns: optionalColumns, name: file) { bytes.append(contentsOf: $0) }
        var formatted = 0
        for record in records {
            guard !record.target.isEmpty else {
                state.statistics.note(TraceError(.emptyValue, file: file, column: TraceColumn.target.rawValue,
                                                 message: "cannot write a call of a breaker with an empty name: "
                                                     + "the target column must not be empty"),
                                      droppingRows: 1)
                continue
            }
            do {
                try writer.append(record)
                formatted += 1
            } catch {
                // The writer numbers lines within its batch: drop the line number, keep the rest.
                state.statistics.note(TraceError(error.code, file: file, column: error.column, message: error.message),
                                      droppingRows: 1)
            }
        }
        do {
            try writer.finish()
        } catch {
            state.statistics.note(error, droppingRows: formatted)
            return
        }
        let headerCount = state.output.header.count
        let ends = Self.rowEnds(in: bytes, from: headerCount)
        assert(bytes.starts(with: state.output.header) && ends.count == formatted, "TraceWriter output not as expected")

        var next = 0
        var start = headerCount
        while next < ends.count {
            if state.output.descriptor == nil, let error = state.output.openFile() {
                state.statistics.note(error, droppingRows: ends.count - next)
                return
            }
            // Take the rows that fit; a file without rows takes its first row regardless.
            var end = next
            while end < ends.count {
                let wouldHold = state.output.bytes + (ends[end] - start)
                if wouldHold > state.output.maxFileBytes, state.output.rows > 0 || end > next { break }
                end += 1
            }
            if end == next {
                if let error = state.output.finishFile() { state.statistics.note(error, droppingRows: 0) }
                continue
            }
            let stop = ends[end - 1]
            if let error = state.output.append(bytes[start..<stop], rows: end - next) {
                state.statistics.note(error, droppingRows: ends.count - next)
                return
            }
            state.statistics.rowsWritten += end - next
            next = end
            start = stop
        }
    }

    /// The offsets just past each row's line break in `bytes` from `start`: line breaks outside
    /// quotes (``TraceWriter`` quotes a cell holding a line break as RFC 4180 says, doubling its
    /// quotes, so toggling at every quote tracks whether a line break is inside a cell).
    static func rowEnds(in bytes: [UInt8], from start: Int) -> [Int] {
        var ends: [Int] = []
        var quoted = false
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: "\n") where !quoted: ends.append(index + 1)
            default: break
            }
            index += 1
        }
        return ends
    }
}

/// The files of one recording: their names, the one open now, and how much it holds.
struct RecorderOutput: Sendable {
    /// The first file's path; later files are named after it (``path(base:index:)``).
    let basePath: String
    /// The header line every file starts with.
    let header: [UInt8]
    /// See ``TraceRecorder/Configuration/maxFileBytes``.
    let maxFileBytes: Int
    /// The open file, if any.
    private(set) var descriptor: Int32?
    /// The number of the file open now, or of the next one to open.
    private(set) var index = 0
    /// Bytes in the open file, header included.
    private(set) var bytes = 0
    /// Rows in the open file.
    private(set) var rows = 0
    /// Every file created, in order.
    private(set) var files: [String] = []

    init(basePath: String, header: [UInt8], maxFileBytes: Int) {
        self.basePath = basePath
        self.header = header
        self.maxFileBytes = maxFileBytes
    }

    /// File 0 is `base`; file k > 0 is `stem-k.csv` for `stem.csv`, else `base-k`.
    static func path(base: String, index: Int) -> String {
        guard index > 0 else { return base }
        if base.hasSuffix(".csv") { return String(base.dropLast(4)) + "-\(index).csv" }
        return base + "-\(index)"
    }

    /// The path of the open file, or of the next one to open.
    var currentPath: String { Self.path(base: basePath, index: index) }

    /// Creates (or truncates) the current file, creating missing folders, and writes the
    /// header. On failure nothing is open and the same file is tried again next time.
    mutating func openFile() -> TraceError? {
        precondition(descriptor == nil, "a file is already open")
        let path = currentPath
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                return TraceError(.io, file: path, message: "cannot create the folder \(directory): \(error.localizedDescription)")
            }
        }
        let opened = systemOpen(path)
        guard opened >= 0 else {
            return TraceError(.io, file: path, message: "cannot create the file for writing: \(systemMessage(errno))")
        }
        if let code = writeAll(opened, header[...]) {
            _ = systemClose(opened)
            return TraceError(.io, file: path, message: "cannot write the header: \(systemMessage(code))")
        }
        descriptor = opened
        bytes = header.count
        rows = 0
        files.append(path)
        return nil
    }

    /// Appends `segment` (whole rows) to the open file. On failure the partial write is cut off
    /// again so the file stays readable; if even that fails, the file is finished as it is and
    /// the next write starts the next file.
    mutating func append(_ segment: ArraySlice<UInt8>, rows count: Int) -> TraceError? {
        guard let descriptor else {
            return TraceError(.io, file: currentPath, message: "no file is open")
        }
        guard let code = writeAll(descriptor, segment) else {
            bytes += segment.count
            rows += count
            return nil
        }
        var message = "cannot write \(count) row(s): \(systemMessage(code))"
        if ftruncate(descriptor, off_t(bytes)) != 0 {
            message += "; cannot cut the partial write off (\(systemMessage(errno))), so this file may end in a "
                + "cut line and the next rows go to the next file"
            _ = finishFile()
        }
        return TraceError(.io, file: currentPath, message: message)
    }

    /// Closes the open file, if any; the next write opens the next file.
    mutating func finishFile() -> TraceError? {
        guard let descriptor else { return nil }
        let path = currentPath
        self.descriptor = nil
        index += 1
        bytes = 0
        rows = 0
        guard systemClose(descriptor) == 0 else {
            return TraceError(.io, file: path, message: "cannot close the file: \(systemMessage(errno))")
        }
        return nil
    }
}

/// `open(2)` for appending to a fresh (truncated) file.
private func systemOpen(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// Writes all of `bytes`, retrying after interruptions and short writes; the `errno` on failure.
private func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Int32? {
    bytes.withUnsafeBytes { buffer -> Int32? in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }
}

private func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
