import Foundation
import Testing

@testable import SObjectMetadata

/// `CacheFile.write`: the whole file or the old one, and nothing left beside it.
struct CacheFileTests {
  @Test func aWriteReplacesTheFileAndRemovesAKilledWritesTemporaryFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cachefile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("Generated.parsed")
    try CacheFile.write(Data("old".utf8), to: url)
    // What a run killed between making its temporary file and renaming it leaves, and files that
    // only look alike (another cache's, a longer suffix), which stay.
    let left = [".Generated.parsed.a1B2c3", ".Generated.parsed.ZZZZZZ"]
    let kept = [".Generated.cache.a1B2c3", ".Generated.parsed.toolong1", "Generated.parsed-delta"]
    for name in left + kept { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
    #expect(CacheFile.leftovers(of: url).map(\.lastPathComponent) == left.sorted())

    try CacheFile.write(Data("new".utf8), to: url)
    #expect(try Data(contentsOf: url) == Data("new".utf8))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == (kept + ["Generated.parsed"]).sorted())
  }
}
