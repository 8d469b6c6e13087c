import Foundation
import Testing
@testable import BreakerTraining

@Suite("SHA256")
struct SHA256Tests {
    /// FIPS 180-4 / NIST CSRC example vectors.
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test("NIST vectors: empty, abc, 448-bit and 896-bit messages")
    func vectors() {
        for (message, digest) in Self.vectors {
            #expect(SHA256.hexDigest(Array(message.utf8)) == digest, "message \"\(message)\"")
            #expect(SHA256.hash(Array(message.utf8)).count == 32)
        }
        #expect(Array("abc".utf8).count * 8 == 24)
        #expect(Array(Self.vectors[2].message.utf8).count * 8 == 448)
        #expect(Array(Self.vectors[3].message.utf8).count * 8 == 896)
    }

    @Test("one million 'a', in one piece and streamed in uneven pieces")
    func millionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == expected)
        var hasher = SHA256()
        var offset = 0
        var step = 1
        while offset < message.count {
            let end = min(offset + step, message.count)
            hasher.update(Array(message[offset..<end]))
            offset = end
            step = step * 3 % 1_000 + 1  // 1, 4, 13, 40, 121, 364, 93, …: crosses block edges every way
        }
        #expect(SHA256.hex(hasher.finalize()) == expected)
    }

    @Test("streaming equals one-shot at every split of messages around the block and padding edges")
    func splits() {
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 200] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let oneShot = SHA256.hash(message)
            for cut in 0...length {
                var hasher = SHA256()
                hasher.update(Array(message[..<cut]))
                hasher.update(Array(message[cut...]))
                #expect(hasher.finalize() == oneShot, "length \(length), cut \(cut)")
            }
        }
    }

    @Test("finalize leaves the hasher usable: a later finalize covers later updates")
    func finalizeIsNonDestructive() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        let partial = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(partial == SHA256.hash(Array("ab".utf8)))
        #expect(SHA256.hex(hasher.finalize()) == Self.vectors[1].digest)
    }

    @Test("a file larger than one read chunk matches sha256sum")
    func fileMatchesSha256sum() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("data.bin").path
        // 2.5 MiB + 17 bytes: three chunk reads, the last partial, a partial final block.
        let count = SHA256.fileChunkByteCount * 5 / 2 + 17
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let digest = try SHA256.hexDigest(ofFileAt: path)
        #expect(digest == SHA256.hexDigest(bytes))

        let tool = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return }  // no reference tool here
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reference = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(reference == digest)
    }

    @Test("a missing file is an error naming the path")
    func missingFile() {
        let path = "/nonexistent/\(UUID().uuidString).csv"
        #expect {
            _ = try SHA256.hexDigest(ofFileAt: path)
        } throws: { error in
            (error as? SHA256.FileError)?.description == "\(path): no such file"
        }
    }
}
