import Foundation
import Testing

@testable import SObjectMetadata

/// The broken cases of issue 12: each is refused at load time with the exact text and position
/// `sobjectgen validate` prints, and valid YAML that looks hostile is accepted.
@Suite struct HostileDiagnosticTests {
  let file = "Metadata/objects/Thing.yaml"
  let header = "name: Thing\nlabel: Thing\npluralLabel: Things\n"

  func check(_ yaml: String, _ expected: [String], file name: String = "Thing.yaml") {
    #expect(diagnostics(of: yaml, file: name) == expected)
  }

  // MARK: 3. Alias bombs

  /// Eight levels of aliases used as mapping keys: under 1.5 KB, over five minutes for Yams to compose
  /// before the loader refused aliases. The bound below is generous, so that a loaded machine does not
  /// fail it, and still far below what composing the bomb takes (no time-limit trait: on a 2-core
  /// machine the test pool's threads can all be busy with builds before this test gets one).
  @Test func anAliasBombIsRefusedWithoutExpandingIt() {
    var yaml = header + "a0: &a0 [x, x, x, x, x, x, x, x]\n"
    for level in 1...8 {
      let previous = "*a\(level - 1)"
      yaml +=
        "a\(level): &a\(level) {? \(previous) : 1, ? [\(previous)] : 2, ? [[\(previous)]] : 3, ? [[[\(previous)]]] : 4, ? [[[[\(previous)]]]] : 5, ? [[[[[\(previous)]]]]] : 6, ? [[[[[[\(previous)]]]]]] : 7, ? [[[[[[[\(previous)]]]]]]] : 8}\n"
    }
    #expect(yaml.utf8.count < 1500)
    let start = Date()
    let found = diagnostics(of: yaml)
    #expect(Date().timeIntervalSince(start) < 10)
    #expect(found.count == 64)
    #expect(
      found.first
        == "\(file):5:12: error: aliases (*a0) are not supported in metadata files; write the value out in full")
  }

  @Test func anAliasAsAValueIsRefusedToo() {
    check(
      header + "description: &d Text.\nusage: *d\n",
      ["\(file):5:8: error: aliases (*d) are not supported in metadata files; write the value out in full"])
  }

  // MARK: 4. Tabs

  @Test func aTabInsideABlockScalarIsText() {
    #expect(diagnostics(of: header + "description: |-\n  First line.\n  \tIndented with a tab.\n").isEmpty)
    #expect(diagnostics(of: header + "description: >\n  Folded\n\n  \tand tabbed.\nusage: Use it.\n").isEmpty)
  }

  @Test func tabIndentationInACRLFFileIsNamed() {
    check(
      (header + "fields:\n\tName:\n\t\ttype: string\n").replacingOccurrences(of: "\n", with: "\r\n"),
      [
        "\(file):5:1: error: tab character in indentation; YAML indents with spaces only",
        "\(file):6:1: error: tab character in indentation; YAML indents with spaces only",
      ])
  }

  // MARK: 5. Names that map to files

  @Test func objectNamesThatCollideWithGeneratedFilesAreRefused() {
    for name in ["global", "Global", "GLOBAL"] {
      check(
        "name: \(name)\nlabel: G\npluralLabel: Gs\n",
        [
          "Metadata/objects/\(name).yaml:1:7: error: object name '\(name)' cannot be used: its describe file would be describe/global.json, the describeGlobal of every object (on a case-insensitive file system whatever its case)"
        ], file: "\(name).yaml")
    }
    check(
      "name: SObjectGenResources\nlabel: R\npluralLabel: Rs\n",
      [
        "Metadata/objects/SObjectGenResources.yaml:1:7: error: object name 'SObjectGenResources' cannot be used: its Swift model would be SObjectGenResources.swift, the file through which the plugin gives access to the generated resources"
      ], file: "SObjectGenResources.yaml")
  }

  @Test func objectNamesDifferingOnlyInCaseAreRefused() {
    let files =
      declaredObjects + [
        MetadataFile(path: "Metadata/objects/Visit.yaml", contents: "name: Visit\nlabel: V\npluralLabel: Vs\n"),
        MetadataFile(path: "Metadata/objects/VISIT.yaml", contents: "name: VISIT\nlabel: V\npluralLabel: Vs\n"),
      ]
    #expect(
      MetadataLoader.load(files: files).1.map(\.description) == [
        "Metadata/objects/Visit.yaml:1:7: error: object 'Visit' is already defined in objects/VISIT.yaml"
      ])
  }

  @Test func aFieldNamedAttributesIsRefused() {
    check(
      header + "fields:\n  attributes:\n    type: string\n    properties: [Create]\n",
      [
        "\(file):5:3: error: a field cannot be named 'attributes': records as the REST API returns them hold their type and URL under 'attributes'"
      ])
  }

  // MARK: 6. Defaults and relationship names

  @Test func aDefaultLongerThanTheLengthIsRefused() {
    check(
      header
        + "fields:\n  Code:\n    type: string\n    length: 3\n    properties: [Create, Defaulted on create]\n    default: ABCD\n",
      ["\(file):9:14: error: default of field 'Code' is 4 characters long; the field's length is 3"])
  }

  @Test func twoReferenceFieldsWithOneRelationshipNameAreRefused() {
    let field = { (name: String, relationship: String) in
      "  \(name):\n    type: reference\n    properties: [Create, Nillable]\n    referenceTo: [Account]\n    relationshipName: \(relationship)\n"
    }
    check(
      header + "fields:\n" + field("AccountId", "Account") + field("OtherAccountId", "account")
        + field("ById", "CreatedBy"),
      [
        "\(file):14:23: error: relationship name 'account' is already the relationship name of field 'AccountId'",
        "\(file):19:23: error: relationship name 'CreatedBy' is already the relationship name of field 'CreatedById'",
      ])
  }

  // MARK: 7. Locations

  @Test func aBadByteIsLocatedAtItsLineAndColumn() {
    check(
      header + "description: Bell \u{7} here.\n",
      ["\(file):4:19: error: cannot read the file: control characters are not allowed (U+0007)"])
    check(
      header + "description: \"NUL \\0 escaped\"\n",
      ["\(file):4:14: error: 'description' must not contain the NUL character (U+0000): databases cannot store it"])
  }

  @Test func invalidUTF8IsLocatedAtItsLineAndColumn() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("objects"), withIntermediateDirectories: true)
    var data = Data((header + "description: caf").utf8)
    data.append(contentsOf: [0xE9, 0x0A])
    try data.write(to: folder.appendingPathComponent("objects/Thing.yaml"))
    do {
      _ = try MetadataLoader.load(directory: folder.path)
      Issue.record("invalid UTF-8 was accepted")
    } catch let error as MetadataError {
      #expect(
        error.diagnostics.map(\.description) == [
          "\(folder.path)/objects/Thing.yaml:4:17: error: the file is not UTF-8 text: byte 0xE9 cannot start or continue a character"
        ])
    }
  }

  @Test func aDuplicateKeyIsLocatedWhereItIsRepeated() {
    check(
      (header + "label: Other\n").replacingOccurrences(of: "\n", with: "\r\n"),
      ["\(file):4:1: error: duplicate key 'label' (first given at line 2, column 1)"])
    check(
      header + "fields:\n  Size: {type: int, properties: [Create], type: long}\n",
      ["\(file):5:43: error: duplicate key 'type' (first given at line 5, column 10)"])
    check(
      header + "fields:\n  Size:\n    type: int\n    properties: [Create]\n  Other: {}\n  Size: {}\n",
      ["\(file):9:3: error: duplicate key 'Size' (first given at line 5, column 3)"])
  }

  /// The preflight runs first only in files holding a `*`; in the others, a key repeated in a way
  /// Yams counts (`1` and `"1"`, both strings to the basic resolver) or does not (`!!int 1` and `1`)
  /// still gets the preflight's diagnostic, as do files with a `*` that is no alias.
  @Test func aDuplicateKeyIsFoundWithOrWithoutAStar() {
    check(
      header + "1: a\n\"1\": b\n",
      ["\(file):5:1: error: duplicate key '1' (first given at line 4, column 1)"])
    // Keys Yams tells apart by an explicit tag, which the preflight still counts as one.
    check(
      header + "!!int 1: a\n1: b\n",
      ["\(file):5:1: error: duplicate key '1' (first given at line 4, column 1)"])
    check(
      header + "description: 'A * B'\nlabel: Other\n",
      ["\(file):5:1: error: duplicate key 'label' (first given at line 2, column 1)"])
    #expect(diagnostics(of: header + "description: 'A * B'\n").isEmpty)
  }

  @Test func aHugeNumberIsNamed() {
    check(
      header + "fields:\n  Code:\n    type: string\n    length: 12345678901234567890123\n    properties: [Create]\n",
      ["\(file):7:13: error: 'length' must be between 1 and 255, found 12345678901234567890123"])
  }
}
