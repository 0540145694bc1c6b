import Foundation
import SObjectMetadata
import Testing

@testable import SObjectGenCore

@Suite struct FolderStampsTests {
  /// A folder with files at several depths, a link to a file, a folder and a missing path.
  func makeFolder() throws -> URL {
    let folder = try makeTemporaryFolder()
    let manager = FileManager.default
    try manager.createDirectory(at: folder.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
    try manager.createDirectory(at: folder.appendingPathComponent("sub/dir"), withIntermediateDirectories: true)
    try Data("top".utf8).write(to: folder.appendingPathComponent("top.txt"))
    try Data("one".utf8).write(to: folder.appendingPathComponent("sub/one.txt"))
    try Data("deep!".utf8).write(to: folder.appendingPathComponent("sub/deeper/two.json"))
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("sub/link.txt").path, withDestinationPath: "one.txt")
    return folder
  }

  /// The reference a stamp must agree with: `stat` of the whole path.
  func statStamp(_ path: String, in root: String) -> GenerationCache.FileStamp? {
    var info = stat()
    guard stat(PathText.joined(root, path), &info) == 0 else { return nil }
    return GenerationCache.stamp(path, info)
  }

  static let paths = [
    "top.txt", "sub/one.txt", "sub/deeper/two.json", "sub/link.txt", "sub/dir", "sub", "sub/missing.txt",
    "missing/one.txt", "sub/", "", "sub//one.txt", "./top.txt", "sub/../top.txt",
  ]

  @Test(arguments: paths) func aStampIsThatOfAStatOfTheWholePath(path: String) throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stamps = FolderStamps(root: folder.path)
    #expect(stamps.stamp(path) == statStamp(path, in: folder.path))
    // Asked twice, through the folder opened the first time.
    #expect(stamps.stamp(path) == statStamp(path, in: folder.path))
  }

  @Test func regularFilesHaveStampsAndOthersNone() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stamps = FolderStamps(root: folder.path)
    #expect(stamps.stamp("sub/deeper/two.json")?.size == 5)
    #expect(stamps.stamp("sub/link.txt")?.size == 3, "a link is followed, as by stat")
    for path in ["sub/dir", "sub/missing.txt", "missing/one.txt", ""] { #expect(stamps.stamp(path) == nil, "\(path)") }
  }

  @Test func aChangedRemovedOrReplacedFileIsNoLongerIntact() throws {
    let folder = try makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let paths = ["top.txt", "sub/one.txt", "sub/deeper/two.json"]
    let recorded = try paths.map { try #require(statStamp($0, in: folder.path)) }
    let stamps = FolderStamps(root: folder.path)
    #expect(stamps.isIntact(recorded))
    #expect(stamps.isIntact([]))
    Thread.sleep(forTimeInterval: 0.01)
    try Data("two!!".utf8).write(to: folder.appendingPathComponent("sub/deeper/two.json"))
    #expect(!stamps.isIntact(recorded), "same size, written again")
    #expect(stamps.isIntact(Array(recorded.prefix(2))))
    try FileManager.default.removeItem(at: folder.appendingPathComponent("sub/one.txt"))
    #expect(!stamps.isIntact(Array(recorded.prefix(2))))
  }
}
