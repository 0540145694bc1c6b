import Foundation
import SObjectGenTestSupport
import Testing

/// A seeded sequence of edits of the repository's metadata, each followed by `generate` with the
/// cache, ends each time exactly where a cold run would: the edits the other cache tests take one
/// at a time (descriptions, labels, references retargeted, objects added and removed, files touched,
/// outputs changed behind the cache), here in an order no one chose, each on top of the last. An
/// edit that makes the metadata invalid must leave the output folder as it was; it is then undone.
@Suite(.serialized) struct EditSequenceTests {
  /// SplitMix64: the same sequence of edits on every machine and every run.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// One edit: what it did, and how to undo it when it made the metadata invalid.
  struct Edit {
    var what: String
    var undo: () throws -> Void
  }

  let setup: GenerationCacheTests.Setup
  var objects: URL { setup.metadata.appendingPathComponent("objects") }

  init() throws { setup = try GenerationCacheTests.Setup() }

  func objectFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: objects, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
  }

  func objectNames() throws -> [String] { try objectFiles().map { $0.deletingPathExtension().lastPathComponent } }

  /// Replaces the text of a file with what `change` makes of it, returning the edit that puts the old
  /// text back; when `change` finds nothing to change (nil), the file is left alone.
  func rewrite(_ file: URL, what: String, _ change: (String) throws -> String?) throws -> Edit {
    let old = try String(contentsOf: file, encoding: .utf8)
    guard let new = try change(old) else { return Edit(what: "nothing", undo: {}) }
    try new.write(to: file, atomically: true, encoding: .utf8)
    return Edit(what: what) { try old.write(to: file, atomically: true, encoding: .utf8) }
  }

  /// The ranges of every match of `pattern` (a regular expression, one per line) in `text`.
  func matches(_ pattern: String, in text: String) throws -> [Range<String.Index>] {
    let expression = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range, in: text)
    }
  }

  /// How many kinds of edit `edit(_:step:using:)` makes.
  static let kinds = 8

  func edit(_ kind: Int, step: Int, using random: inout SeededGenerator) throws -> Edit {
    var files = try objectFiles()
    if kind == 3 {
      // Only files with a reference can have one retargeted.
      files = try files.filter { try String(contentsOf: $0, encoding: .utf8).contains("referenceTo: [") }
    }
    let file = files.randomElement(using: &random)!
    let name = file.deletingPathExtension().lastPathComponent
    switch kind {
    case 0, 1:
      // A field's or the object's description: the column comments, describe, reference pages.
      return try rewrite(file, what: "a description in \(name)") { text in
        guard let at = try matches("^ *description: ", in: text).randomElement(using: &random) else { return nil }
        return text.replacingCharacters(in: at, with: text[at] + "Edit \(step). ")
      }
    case 2:
      // The object's label: describeGlobal, and the child relationships of the objects it refers to.
      return try rewrite(file, what: "the label of \(name)") { text in
        guard let at = try matches("^label: .*$", in: text).first else { return nil }
        return text.replacingCharacters(in: at, with: text[at] + " \(step)")
      }
    case 3:
      // A reference retargeted at one or two objects: child relationships, foreign keys.
      let names = try objectNames()
      let targets = Array(names.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))).sorted()
      return try rewrite(file, what: "a reference of \(name) retargeted at \(targets)") { text in
        guard let at = try matches("referenceTo: \\[[^\\]]*\\]", in: text).randomElement(using: &random) else {
          return nil
        }
        return text.replacingCharacters(in: at, with: "referenceTo: [\(targets.joined(separator: ", "))]")
      }
    case 4:
      // An object removed (invalid while another object refers to it).
      let old = try Data(contentsOf: file)
      try FileManager.default.removeItem(at: file)
      return Edit(what: "\(name) removed") { try old.write(to: file) }
    case 5:
      // An object added: a copy under a new name and key prefix.
      let copyName = name.hasSuffix("__c") ? "\(name.dropLast(3))Copy\(step)__c" : "\(name)Copy\(step)"
      let copy = objects.appendingPathComponent("\(copyName).yaml")
      var text = try String(contentsOf: file, encoding: .utf8)
      if let at = try matches("^name: .*$", in: text).first { text.replaceSubrange(at, with: "name: \(copyName)") }
      if let at = try matches("^keyPrefix: .*$", in: text).first {
        text.replaceSubrange(at, with: "keyPrefix: \"z\(String(format: "%02d", step % 100))\"")
      }
      try text.write(to: copy, atomically: true, encoding: .utf8)
      return Edit(what: "\(copyName) added") { try FileManager.default.removeItem(at: copy) }
    case 6:
      // A file touched: its stamp changes, its bytes do not.
      try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: file.path)
      return Edit(what: "\(name) touched", undo: {})
    default:
      // An output changed or removed behind the cache.
      let outputs = try snapshot(of: setup.output).keys.filter { !$0.hasPrefix(".") }.sorted()
      let output = setup.output.appendingPathComponent(outputs.randomElement(using: &random)!)
      if Bool.random(using: &random) {
        try FileManager.default.removeItem(at: output)
        return Edit(what: "output \(output.lastPathComponent) removed", undo: {})
      }
      try Data("changed behind the cache\n".utf8).write(to: output)
      return Edit(what: "output \(output.lastPathComponent) changed", undo: {})
    }
  }

  @Test func everyEditOfASeededSequenceGivesTheColdOutput() throws {
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.generate()
    var random = SeededGenerator(state: 2026_11_24)
    var made = 0
    var refused = 0
    // Every kind of edit in each round of `kinds` steps, in an order the generator picks.
    let order = (0..<3).flatMap { _ in (0..<Self.kinds).shuffled(using: &random) }
    for (index, kind) in order.enumerated() {
      let step = index + 1
      let edit = try edit(kind, step: step, using: &random)
      let before = try snapshot(of: setup.output)
      let run = try runCLI(["generate", "--metadata", setup.metadata.path, "--output", setup.output.path])
      if run.status != 0 {
        // Invalid metadata: nothing written, the edit undone, and the next run finds nothing to do.
        #expect(run.stderr.contains(": error: "), "step \(step), \(edit.what): \(run.stderr)")
        let after = try snapshot(of: setup.output)
        #expect(after.mapValues(\.0) == before.mapValues(\.0), "step \(step), \(edit.what): the folder changed")
        #expect(after.mapValues(\.1) == before.mapValues(\.1), "step \(step), \(edit.what): a file was rewritten")
        try edit.undo()
        refused += 1
        try setup.generate()
      } else {
        made += 1
      }
      try setup.expectOutputIsCold(context: "step \(step), \(edit.what)")
    }
    // The sequence holds both kinds of edit, so that neither path is left untried.
    #expect(made >= order.count / 2, "only \(made) edits gave valid metadata")
    #expect(refused >= 1, "no edit made the metadata invalid")
  }
}
