import Foundation
import Testing

@testable import SObjectGenCore

#if canImport(Glibc)
  import Glibc
#endif

/// A streamed file (the DDL files, describeGlobal) that a run replaces is kept as a spare outside the
/// output folder, and the next run writes over it in place instead of making a new file
/// (`OutputDirectory.spareFolder`). What the output folder holds is the same either way; a spare
/// that is not a regular file with one link is never written through.
@Suite struct SpareFilesTests {
  struct Folder {
    let root: URL
    var output: String { root.appendingPathComponent("Generated").path }
    var spares: String { root.appendingPathComponent("spares").path }
    var file: String { output + "/sql/schema.sql" }
    /// The spare of `sql/schema.sql`: its path as one name.
    var spare: String { spares + "/sql%2Fschema.sql" }
    var directory: OutputDirectory {
      var directory = OutputDirectory(path: output)
      directory.spareFolder = spares
      return directory
    }

    init() throws { root = try makeTemporaryFolder() }

    /// One run that streams `text` to `sql/schema.sql`.
    @discardableResult
    func stream(_ text: String) throws -> OutputDirectory.Plan {
      let transaction = try directory.begin()
      do {
        try transaction.addStreamed(path: "sql/schema.sql") { sink in
          try Array(text.utf8).withUnsafeBytes { try sink.write($0) }
        }
        return try transaction.commit()
      } catch {
        transaction.rollback()
        throw error
      }
    }
  }

  func text(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  func inode(_ path: String) -> UInt64? {
    var info = stat()
    return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
  }

  /// Whether the system swaps a new file with the one in place (Linux): only then is there a
  /// replaced file to keep.
  var swaps: Bool {
    #if os(Linux)
      return FileSystem.linuxRenameat2 != nil
    #else
      return false
    #endif
  }

  @Test func aReplacedFileIsKeptAndTheNextRunWritesOverIt() throws {
    let folder = try Folder()
    defer { try? FileManager.default.removeItem(at: folder.root) }
    try folder.stream("first, the longest text of the three runs\n")
    #expect(!FileManager.default.fileExists(atPath: folder.spare), "a new file replaces nothing")
    try folder.stream("second\n")
    #expect(text(folder.file) == "second\n")
    guard swaps else {
      #expect(!FileManager.default.fileExists(atPath: folder.spare))
      return
    }
    #expect(text(folder.spare) == "first, the longest text of the three runs\n")
    let spareInode = inode(folder.spare)

    try folder.stream("third, longer than the second\n")
    #expect(text(folder.file) == "third, longer than the second\n", "the spare's longer text is cut off")
    #expect(inode(folder.file) == spareInode, "the spare was written over, not a new file made")
    #expect(text(folder.spare) == "second\n")

    // The same text again: the file in place stays, and the staged copy goes back to be the spare.
    let inPlace = inode(folder.file)
    let plan = try folder.stream("third, longer than the second\n")
    #expect(plan.unchanged.contains("sql/schema.sql") && plan.changed.isEmpty)
    #expect(inode(folder.file) == inPlace)
    #expect(text(folder.spare) == "third, longer than the second\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.spares) == ["sql%2Fschema.sql"])
    #expect(!FileManager.default.fileExists(atPath: folder.output + "/" + OutputDirectory.stagingName))
  }

  @Test func aSpareThatIsNotARegularFileWithOneLinkIsNeverWrittenThrough() throws {
    let folder = try Folder()
    defer { try? FileManager.default.removeItem(at: folder.root) }
    let outside = folder.root.appendingPathComponent("outside.txt").path
    try FileManager.default.createDirectory(atPath: folder.spares, withIntermediateDirectories: true)
    try folder.stream("one\n")

    // A second name of another file.
    try Data("not ours\n".utf8).write(to: URL(fileURLWithPath: outside))
    #expect(link(outside, folder.spare) == 0)
    try folder.stream("two\n")
    #expect(text(outside) == "not ours\n")
    #expect(text(folder.file) == "two\n")

    // A symbolic link to it.
    try? FileManager.default.removeItem(atPath: folder.spare)
    #expect(symlink(outside, folder.spare) == 0)
    try folder.stream("three\n")
    #expect(text(outside) == "not ours\n")
    #expect(text(folder.file) == "three\n")

    // A folder.
    try? FileManager.default.removeItem(atPath: folder.spare)
    try FileManager.default.createDirectory(atPath: folder.spare + "/inside", withIntermediateDirectories: true)
    try folder.stream("four\n")
    #expect(text(folder.file) == "four\n")
    #expect(text(outside) == "not ours\n")
    if swaps { #expect(text(folder.spare) == "three\n", "the replaced file is the spare now") }
  }

  @Test func generateKeepsSparesBesideItsCacheOnlyWithTheCache() throws {
    let setup = try GenerationCacheTests.Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    let spares = setup.folder.appendingPathComponent(".sobjectgen-cache/Generated.spare").path
    let file = setup.metadata.appendingPathComponent("objects/Interaction.yaml")
    let sqlite = setup.output.appendingPathComponent("sql/sqlite.sql").path
    try setup.generate()
    for step in 1...3 {
      // A field's description: a column's comment in both DDL files.
      var yaml = try String(contentsOf: file, encoding: .utf8)
      let fields = try #require(yaml.range(of: "\nfields:\n"))
      let at = try #require(yaml.range(of: "    description: ", range: fields.upperBound..<yaml.endIndex))
      yaml.replaceSubrange(at, with: "    description: Edit \(step). ")
      try yaml.write(to: file, atomically: true, encoding: .utf8)
      let before = text(sqlite)
      try setup.generate()
      try setup.expectOutputIsCold(context: "edit \(step)")
      #expect(text(sqlite)?.contains("-- Edit \(step). ") == true)
      if swaps { #expect(text(spares + "/sql%2Fsqlite.sql") == before, "the spare is the file the run replaced") }
    }
    if swaps {
      let names = try FileManager.default.contentsOfDirectory(atPath: spares).sorted()
      // describeGlobal did not change: the copy staged to compare with it is its spare.
      #expect(names == ["describe%2Fglobal.json", "sql%2Fpostgresql.sql", "sql%2Fsqlite.sql"])
    }
    // `--no-cache` neither keeps nor uses spares.
    let uncached = setup.folder.appendingPathComponent("Uncached")
    try setup.generate(["--no-cache"], output: uncached)
    try setup.editDescription(of: "Interaction")
    try setup.generate(["--no-cache"], output: uncached)
    #expect(
      !FileManager.default.fileExists(
        atPath: setup.folder.appendingPathComponent(".sobjectgen-cache/Uncached.spare").path))
  }
}
