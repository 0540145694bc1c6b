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
}
