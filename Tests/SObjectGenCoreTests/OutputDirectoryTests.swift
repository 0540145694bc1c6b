import Foundation
import Testing

@testable import SObjectGenCore

@Suite struct OutputDirectoryTests {
  @Test func writesOnlyWhatChangedAndRemovesWhatNoOutputProduces() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let directory = OutputDirectory(path: folder.path)
    let first = [
      OutputFile(path: "a/one.txt", text: "one"), OutputFile(path: "a/two.txt", text: "two"),
      OutputFile(path: "b/three.txt", text: "three"),
    ]
    let initial = try directory.write(first)
    #expect(initial.added == [".sobjectgen-manifest", "a/one.txt", "a/two.txt", "b/three.txt"])
    let before = try snapshot(of: folder)
    Thread.sleep(forTimeInterval: 0.05)

    let second = [OutputFile(path: "a/one.txt", text: "one"), OutputFile(path: "a/two.txt", text: "TWO")]
    #expect(
      try directory.plan(for: second)
        == OutputDirectory.Plan(
          added: [], changed: ["a/two.txt", ".sobjectgen-manifest"], unchanged: ["a/one.txt"], removed: ["b/three.txt"])
    )
    try directory.write(second)
    let after = try snapshot(of: folder)
    #expect(after["a/one.txt"]?.1 == before["a/one.txt"]?.1, "an unchanged file is not rewritten")
    #expect(after["a/two.txt"]?.0 == Data("TWO".utf8))
    #expect(after["b/three.txt"] == nil)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("b").path), "empty folders go")
    #expect(try directory.plan(for: second).isUpToDate)
  }

  @Test func aMissingOutputFolderIsCreated() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let directory = OutputDirectory(path: folder.appendingPathComponent("new/Generated").path)
    #expect(try directory.plan(for: [OutputFile(path: "x.txt", text: "x")]).added == ["x.txt", ".sobjectgen-manifest"])
    try directory.write([OutputFile(path: "x.txt", text: "x")])
    #expect(try String(contentsOf: folder.appendingPathComponent("new/Generated/x.txt"), encoding: .utf8) == "x")
  }

  // MARK: Moving new folders in whole

  /// The folder's regular files, relative to it, with their text.
  func texts(in folder: URL) throws -> [String: String] {
    try snapshot(of: folder).mapValues { String(decoding: $0.0, as: UTF8.self) }
  }

  @Test func aRunIntoAnEmptyFolderMovesEachTopLevelFolderInWhole() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = [
      OutputFile(path: "describe/A.json", text: "a"), OutputFile(path: "describe/v62.0/A.json", text: "a62"),
      OutputFile(path: "reference/A.md", text: "# A"), OutputFile(path: "top.txt", text: "top"),
    ]
    let transaction = try OutputDirectory(path: folder.path).begin()
    for file in files { try transaction.add(file) }
    let plan = try transaction.commit()
    #expect(transaction.foldersMovedWhole == ["describe", "reference"])
    #expect(
      plan.added == [".sobjectgen-manifest", "describe/A.json", "describe/v62.0/A.json", "reference/A.md", "top.txt"])
    var expected = Dictionary(
      uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    expected[".sobjectgen-manifest"] =
      String(decoding: OutputDirectory.manifest(for: files.map(\.path)).contents, as: UTF8.self)
    #expect(try texts(in: folder) == expected)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".sobjectgen-staging").path))
  }

  @Test func onlyFoldersWithNothingInTheirPlaceMoveInWholeAndForeignFilesStay() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let directory = OutputDirectory(path: folder.path)
    try directory.write([OutputFile(path: "describe/A.json", text: "a")])
    // A file the generator did not write, in a folder it did, and an empty folder of the user's.
    try "mine".write(to: folder.appendingPathComponent("describe/notes.txt"), atomically: false, encoding: .utf8)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("sql"), withIntermediateDirectories: true)
    let next = [
      OutputFile(path: "describe/A.json", text: "A"), OutputFile(path: "describe/B.json", text: "b"),
      OutputFile(path: "describe/v62.0/A.json", text: "a62"), OutputFile(path: "layouts/A.json", text: "layout"),
      OutputFile(path: "layouts/v62.0/A.json", text: "layout62"), OutputFile(path: "sql/sqlite.sql", text: "sql"),
    ]
    let transaction = try directory.begin()
    for file in next { try transaction.add(file) }
    let plan = try transaction.commit()
    #expect(transaction.foldersMovedWhole == ["layouts"])
    #expect(plan.changed == [".sobjectgen-manifest", "describe/A.json"])
    #expect(plan.foreign == ["describe/notes.txt"])
    var expected = Dictionary(
      uniqueKeysWithValues: next.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    expected["describe/notes.txt"] = "mine"
    expected[".sobjectgen-manifest"] =
      String(decoding: OutputDirectory.manifest(for: next.map(\.path)).contents, as: UTF8.self)
    #expect(try texts(in: folder) == expected)
    #expect(try directory.plan(for: next).isUpToDate)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".sobjectgen-staging").path))
  }

  // MARK: Replacing a file

  @Test func aFileInPlaceIsSwappedOutAndRemovedWhileAnOpenCopyStillReadsIt() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let old = folder.appendingPathComponent("old.sql")
    let new = folder.appendingPathComponent("new.sql")
    try Data("old".utf8).write(to: old)
    try Data("new".utf8).write(to: new)
    // As `PreviousPieces` holds the file it copies pieces from.
    let handle = try FileHandle(forReadingFrom: old)
    defer { try? handle.close() }
    try FileSystem.move(new.path, to: old.path, display: "old.sql")
    #expect(try String(contentsOf: old, encoding: .utf8) == "new")
    #expect(!FileManager.default.fileExists(atPath: new.path), "the replaced file does not stay behind")
    #expect(try handle.readToEnd() == Data("old".utf8))
  }

  #if os(Linux)
    @Test func exchangeSwapsTwoFilesInOneStepAndRefusesAMissingOne() throws {
      let folder = try makeTemporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let first = folder.appendingPathComponent("first")
      let second = folder.appendingPathComponent("second")
      try Data("1".utf8).write(to: first)
      try Data("2".utf8).write(to: second)
      #expect(FileSystem.exchange(first.path, second.path))
      #expect(try String(contentsOf: first, encoding: .utf8) == "2")
      #expect(try String(contentsOf: second, encoding: .utf8) == "1")
      let missing = folder.appendingPathComponent("missing")
      #expect(!FileSystem.exchange(first.path, missing.path))
      #expect(try String(contentsOf: first, encoding: .utf8) == "2")
      #expect(!FileManager.default.fileExists(atPath: missing.path))
    }
  #endif
}
