import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// `MetadataLoader.validate` (what `sobjectgen validate` runs) checks without building the model:
/// it must answer exactly as `load` does, the same counts or the same diagnostics.
struct ValidateTests {
  /// What a check of the folder tells: the counts of objects and fields, or every diagnostic as printed.
  enum Outcome: Equatable {
    case valid(objects: Int, fields: Int)
    case invalid([String])
  }

  static func loaded(_ folder: String) -> Outcome {
    do {
      let model = try MetadataLoader.load(directory: folder)
      return .valid(objects: model.objects.count, fields: model.objects.reduce(0) { $0 + $1.fields.count })
    } catch let error as MetadataError {
      return .invalid(error.diagnostics.map(\.description))
    } catch {
      return .invalid(["\(error)"])
    }
  }

  static func validated(_ folder: String) -> Outcome {
    do {
      let summary = try MetadataLoader.validate(directory: folder)
      return .valid(objects: summary.objectCount, fields: summary.fieldCount)
    } catch let error as MetadataError {
      return .invalid(error.diagnostics.map(\.description))
    } catch {
      return .invalid(["\(error)"])
    }
  }

  /// A metadata folder holding `files` (name to contents; nil makes a folder of that name) under objects/.
  static func folder(_ files: [String: String?]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
    let objects = root.appendingPathComponent("objects")
    try FileManager.default.createDirectory(at: objects, withIntermediateDirectories: true)
    for (name, contents) in files {
      let url = objects.appendingPathComponent(name)
      if let contents {
        try Data(contents.utf8).write(to: url)
      } else {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      }
    }
    return root
  }

  static func object(_ name: String, keyPrefix: String? = nil, fields: String = "") -> String {
    "name: \(name)\nlabel: \(name)\npluralLabel: \(name)s\n" + (keyPrefix.map { "keyPrefix: \"\($0)\"\n" } ?? "")
      + (fields.isEmpty ? "" : "fields:\n" + fields)
  }

  static func reference(_ field: String, to targets: String) -> String {
    "  \(field):\n    type: reference\n    properties: [Create, Nillable]\n    referenceTo: [\(targets)]\n"
      + "    relationshipName: \(field.dropLast(2))\n"
  }

  @Test func theRepositoryMetadataGivesTheCountsOfItsModel() throws {
    let outcome = Self.validated(metadataFolder)
    #expect(outcome == Self.loaded(metadataFolder))
    guard case .valid(let objects, let fields) = outcome else {
      Issue.record("the repository's metadata does not validate: \(outcome)")
      return
    }
    #expect(objects > 1 && fields > objects)
  }

  @Test func problemsWithinAndAcrossFilesAreThoseOfALoad() throws {
    let text = "  Note__c:\n    type: string\n    properties: [Create]\n"
    let folder = try Self.folder([
      "User.yaml": Self.object("User", keyPrefix: "005"),
      "Account.yaml": Self.object("Account", keyPrefix: "001", fields: Self.reference("OwnerId", to: "Usr")),
      "Contact.yaml": Self.object("Contact", keyPrefix: "001", fields: Self.reference("AccountId", to: "account")),
      "Case.yaml": Self.object("Case", fields: Self.reference("WhoId", to: "User, Lead") + text),
      "Lead.yaml": Self.object("Lead", fields: "  Bad:\n    type: strng\n    properties: [Create]\n"),
      "Deal.yaml": Self.object("Account"),
      "Global.yaml": Self.object("Global"),
      "Broken.yaml": "name: [\n",
      "Task.yaml": Self.object("Task", keyPrefix: "00T", fields: Self.reference("WhatId", to: "Broken")),
      "Folder.yaml": nil,
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    // Latin-1, not UTF-8.
    try Data("name: Caf".utf8 + [0xE9, 0x0A]).write(to: folder.appendingPathComponent("objects/Latin1.yaml"))
    let outcome = Self.validated(folder.path)
    #expect(outcome == Self.loaded(folder.path))
    guard case .invalid(let diagnostics) = outcome else {
      Issue.record("a broken folder validated")
      return
    }
    for expected in [
      "refers to undeclared object 'Usr'", "the object is spelt 'Account'", "key prefix '001' is already used",
      "which has no keyPrefix", "unknown type 'strng'", "is already defined in", "object name 'Global' cannot be used",
      "YAML syntax error", "is not UTF-8 text", "is a folder named like a metadata file",
    ] {
      #expect(diagnostics.contains { $0.contains(expected) }, "no diagnostic with \(expected): \(diagnostics)")
    }
    // A file that did not parse still declares its object: no reference to it is reported.
    #expect(!diagnostics.contains { $0.contains("'Broken'") })
  }

  @Test func foldersWithoutAnObjectToReadFailAsALoadDoes() throws {
    let empty = try Self.folder([:])
    let unreadable = try Self.folder(["A.yaml": nil])
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: empty)
      try? FileManager.default.removeItem(at: unreadable)
    }
    for folder in [empty, unreadable, missing] {
      let outcome = Self.validated(folder.path)
      #expect(outcome == Self.loaded(folder.path))
      guard case .invalid(let diagnostics) = outcome else {
        Issue.record("\(folder.path) validated")
        continue
      }
      #expect(diagnostics.count == 1, "\(diagnostics)")
    }
  }
}
