#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for ``TraceReader``: plain `open(2)`/`read(2)` into the reader's buffer, no
/// intermediate copies or objects per chunk.
struct TraceInputFile {
    let path: String
    private var descriptor: Int32
    /// The file's size when opened (to size the columns once), or nil if unknown.
    let size: Int?

    /// Opens `path` for reading.
    ///
    /// - Throws: ``TraceError`` `io` naming the reason (no such file, permission denied, a
    ///   directory…).
    init(path: String) throws(TraceError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TraceError(.io, file: path, message: "cannot open the file: \(Self.reason(errno))")
        }
        var info = stat()
        if fstat(descriptor, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                closeDescriptor(descriptor)
                throw TraceError(.io, file: path, message: "cannot read the file: it is a directory")
            }
            size = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        } else {
            size = nil
        }
    }

    /// Reads up to `count` bytes into `buffer`; 0 at the end of the file.
    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(TraceError) -> Int {
        while true {
            let result = readDescriptor(descriptor, buffer, count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw TraceError(.io, file: path, message: "cannot read the file: \(Self.reason(errno))")
        }
    }

    /// Closes the file (once).
    mutating func close() {
        if descriptor >= 0 { closeDescriptor(descriptor) }
        descriptor = -1
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

// The C functions under names the struct's own `read` and `close` do not shadow.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
