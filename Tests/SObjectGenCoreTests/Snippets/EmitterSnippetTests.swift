import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectGenCore

/// A few lines of metadata in, the exact piece of each emitter's output expected: an admin-extensible
/// restricted picklist, a polymorphic reference and each derived-field rule. When an emitter's output
/// moves, one of these fails in seconds and names the emitter (the whole files are guarded by
/// `GeneratedFolderTests` and the golden files).
@Suite struct EmitterSnippetTests {
  static let call = """
    name: Call
    label: Call
    pluralLabel: Calls
    keyPrefix: a05
    fields:
      Status:
        type: picklist
        properties: [Create, Filter, Nillable, Restricted picklist, Update]
        values: [Open, Closed]
        extensible: true
      State:
        type: picklist
        properties: [Filter, Nillable, Restricted picklist]
        values: [Active, Done]
      WhoId:
        type: reference
        properties: [Create, Filter, Nillable, Update]
        referenceTo: [Contact, Lead]
        relationshipName: Who
      StartedAt:
        type: datetime
        properties: [Create, Nillable, Update]
      EndedAt:
        type: datetime
        properties: [Create, Nillable, Update]
      Minutes:
        type: int
        properties: [Filter, Nillable]
      Verified:
        type: boolean
        properties: [Create, Defaulted on create, Update]
      VerifiedAt:
        type: datetime
        properties: [Filter, Nillable]
    rules:
      - kind: valueMap
        field: State
        source: Status
        map:
          Open: Active
          Closed: Done
      - kind: duration
        field: Minutes
        start: StartedAt
        end: EndedAt
        unit: minutes
      - kind: currentTimeWhenTrue
        field: VerifiedAt
        trigger: Verified

    """

  static func model() throws -> MetadataModel {
    let targets = [("Contact", "003"), ("Lead", "00Q"), ("User", "005")].map { name, prefix in
      MetadataFile(
        path: "Metadata/objects/\(name).yaml",
        contents: "name: \(name)\nlabel: \(name)\npluralLabel: \(name)s\nkeyPrefix: \"\(prefix)\"\n")
    }
    let (model, diagnostics) = MetadataLoader.load(
      files: targets + [MetadataFile(path: "Metadata/objects/Call.yaml", contents: call)])
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    return try #require(model)
  }

  static func file(_ path: String) throws -> String {
    let files = try Generator.generate(model: try model())
    return try #require(files.first { $0.path == path }, "no \(path)").text
  }

  /// The lines from the first that starts with `first` (after indentation) through the first after
  /// it that is exactly `last`.
  static func lines(of text: String, from first: String, through last: String) throws -> String {
    let all = text.components(separatedBy: "\n")
    let start = try #require(all.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(first) }, "\(first)")
    let end = try #require(all[start...].firstIndex { $0 == last }, "\(last)")
    return all[start...end].joined(separator: "\n")
  }

  static func property(_ name: String, of path: String) throws -> String {
    let schema = try JSONSerialization.jsonObject(with: Data(try file(path).utf8)) as? [String: Any]
    let properties = try #require(schema?["properties"] as? [String: Any])
    let value = try #require(properties[name], "no \(name) in \(path)")
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  static func expectEqual(_ actual: String, _ expected: String, _ what: String) {
    #expect(actual == expected, "\(what):\n\(unifiedDiff(expected: expected, actual: actual))")
  }

  // MARK: - JSON Schema

  @Test func jsonSchemaOfAnExtensiblePicklist() throws {
    // A record may hold a value an admin added; a request must give a listed one (or null to clear).
    Self.expectEqual(
      try Self.property("Status", of: "jsonschema/Call.json"), #"{"description":"Status","type":["string","null"]}"#,
      "record")
    Self.expectEqual(
      try Self.property("Status", of: "jsonschema/Call.create.json"),
      #"{"description":"Status","enum":["Open","Closed",null]}"#, "create body")
  }

  @Test func jsonSchemaOfAPolymorphicReference() throws {
    // Records take any ID (the field may gain targets); requests only IDs of its targets.
    Self.expectEqual(
      try Self.property("WhoId", of: "jsonschema/Call.json"),
      ##"{"anyOf":[{"$ref":"#\/$defs\/salesforceId"},{"type":"null"}],"description":"Who ID"}"##, "record")
    Self.expectEqual(
      try Self.property("WhoId", of: "jsonschema/Call.create.json"),
      ##"{"anyOf":[{"$ref":"#\/$defs\/salesforceId","pattern":"^(?:003|00Q)"},{"type":"null"}],"description":"Who ID"}"##,
      "create body")
  }

  // MARK: - SQL

  @Test func sqlOfThePicklistAndTheReference() throws {
    let ddl = try Self.file("sql/sqlite.sql")
    for line in [
      #"  CONSTRAINT "Call_Status_values" CHECK ("Status" IN ('Open', 'Closed')),"#,
      #"  CONSTRAINT "Call_State_values" CHECK ("State" IN ('Active', 'Done')),"#,
      #"  CONSTRAINT "Call_WhoId_key_prefix" CHECK (substr("WhoId", 1, 3) IN ('003', '00Q')),"#,
      #"CREATE INDEX "Call_WhoId_idx" ON "Call" ("WhoId");"#,
    ] {
      #expect(ddl.components(separatedBy: "\n").contains(line), "sqlite.sql lacks: \(line)")
    }
  }

  @Test func sqlOfEachDerivedFieldRule() throws {
    let ddl = try Self.file("sql/sqlite.sql")
    Self.expectEqual(
      try Self.lines(of: ddl, from: #"CREATE TRIGGER "Call_State_on_update""#, through: "END;"),
      """
      CREATE TRIGGER "Call_State_on_update" AFTER UPDATE OF "Status" ON "Call"
      FOR EACH ROW WHEN NEW."Status" IN ('Open', 'Closed')
      BEGIN
        UPDATE "Call" SET "State" = CASE NEW."Status" WHEN 'Open' THEN 'Active' WHEN 'Closed' THEN 'Done' END WHERE "Id" = NEW."Id";
      END;
      """, "valueMap")
    // Whole minutes, truncated (as Swift and PostgreSQL do), from the milliseconds between the two.
    Self.expectEqual(
      try Self.lines(of: ddl, from: #"CREATE TRIGGER "Call_Minutes_on_insert""#, through: "END;"),
      """
      CREATE TRIGGER "Call_Minutes_on_insert" AFTER INSERT ON "Call"
      FOR EACH ROW WHEN NEW."StartedAt" IS NOT NULL AND NEW."EndedAt" IS NOT NULL
      BEGIN
        UPDATE "Call" SET "Minutes" = CAST(round((julianday(NEW."EndedAt") - julianday(NEW."StartedAt")) * 86400000) AS INTEGER) / 60000 WHERE "Id" = NEW."Id";
      END;
      """, "duration")
    Self.expectEqual(
      try Self.lines(of: ddl, from: #"CREATE TRIGGER "Call_VerifiedAt_on_update""#, through: "END;"),
      """
      CREATE TRIGGER "Call_VerifiedAt_on_update" AFTER UPDATE OF "Verified" ON "Call"
      FOR EACH ROW WHEN NEW."Verified" = 1 AND NEW."VerifiedAt" IS NULL AND OLD."Verified" IS NOT 1
      BEGIN
        UPDATE "Call" SET "VerifiedAt" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "Id" = NEW."Id";
      END;
      """, "currentTimeWhenTrue")
  }

  // MARK: - Swift

  @Test func swiftOfAnExtensiblePicklist() throws {
    Self.expectEqual(
      try Self.lines(of: try Self.file("swift/Call.swift"), from: "public enum Status", through: "  }"),
      """
        public enum Status: PicklistValue {
          /// Open
          case `open`
          /// Closed
          case closed
          /// A value the metadata does not list.
          case other(String)

          public static var knownValues: [Self] { [.`open`, .closed] }

          public init(rawValue: String) {
            switch rawValue {
            case "Open": self = .`open`
            case "Closed": self = .closed
            default: self = .other(rawValue)
            }
          }

          public var rawValue: String {
            switch self {
            case .`open`: return "Open"
            case .closed: return "Closed"
            case .other(let value): return value
            }
          }
        }
      """, "Status")
  }

  @Test func swiftOfARestrictedPicklist() throws {
    Self.expectEqual(
      try Self.lines(of: try Self.file("swift/Call.swift"), from: "public enum State", through: "  }"),
      """
        public enum State: PicklistValue, CaseIterable {
          case active
          case done

          public static var knownValues: [Self] { allCases }

          public init?(rawValue: String) {
            switch rawValue {
            case "Active": self = .active
            case "Done": self = .done
            default: return nil
            }
          }

          public var rawValue: String {
            switch self {
            case .active: return "Active"
            case .done: return "Done"
            }
          }
        }
      """, "State")
  }

  @Test func swiftOfTheFieldEnumsRawValues() throws {
    let swift = try Self.file("swift/Call.swift")
    Self.expectEqual(
      try Self.lines(of: swift, from: "public init?(rawValue: String)", through: "    }"),
      """
          public init?(rawValue: String) {
            switch rawValue {
            case "Id": self = .id
            case "IsDeleted": self = .isDeleted
            case "CreatedById": self = .createdById
            case "CreatedDate": self = .createdDate
            case "LastModifiedById": self = .lastModifiedById
            case "LastModifiedDate": self = .lastModifiedDate
            case "SystemModstamp": self = .systemModstamp
            case "Status": self = .status
            case "State": self = .state
            case "WhoId": self = .whoId
            case "StartedAt": self = .startedAt
            case "EndedAt": self = .endedAt
            case "Minutes": self = .minutes
            case "Verified": self = .verified
            case "VerifiedAt": self = .verifiedAt
            default: return nil
            }
          }
      """, "Field.init(rawValue:)")
    Self.expectEqual(
      try Self.lines(of: swift, from: "case .whoId: return", through: "      }"),
      """
            case .whoId: return "WhoId"
            case .startedAt: return "StartedAt"
            case .endedAt: return "EndedAt"
            case .minutes: return "Minutes"
            case .verified: return "Verified"
            case .verifiedAt: return "VerifiedAt"
            }
      """, "Field.rawValue")
  }

  @Test func swiftOfAPolymorphicReference() throws {
    Self.expectEqual(
      try Self.lines(of: try Self.file("swift/Call.swift"), from: "public init(resolving id", through: "    }"),
      """
          public init(resolving id: AnySalesforceID) {
            switch id.keyPrefix {
            case "003": self = .contact(SalesforceID(id))
            case "00Q": self = .lead(SalesforceID(id))
            default: self = .unresolved(id)
            }
          }
      """, "WhoReference")
  }

  @Test func swiftOfEachDerivedFieldRule() throws {
    Self.expectEqual(
      try Self.lines(of: try Self.file("swift/Call.swift"), from: "// State follows Status.", through: "  }"),
      """
          // State follows Status.
          switch self.status {
          case .`open`?: self.state = .active
          case .closed?: self.state = .done
          default: break
          }
          // Minutes: minutes from StartedAt to EndedAt, when EndedAt is set.
          if let start = self.startedAt, let end = self.endedAt {
            let units = (end.date.timeIntervalSince1970 - start.date.timeIntervalSince1970) / 60
            self.minutes = Int(units.rounded(.towardZero))
          }
          // VerifiedAt: the current time when Verified becomes true and no time is set.
          if self.verified == true, previous?.verified != true, self.verifiedAt == nil {
            self.verifiedAt = SalesforceDateTime(clock.now())
          }
        }
      """, "applyDerivedFieldRules")
  }

  // MARK: - Describe

  @Test func describeOfAnExtensiblePicklistAndAPolymorphicReference() throws {
    let describe = try JSONSerialization.jsonObject(with: Data(try Self.file("describe/Call.json").utf8))
    let fields = try #require((describe as? [String: Any])?["fields"] as? [[String: Any]])
    let status = try #require(fields.first { $0["name"] as? String == "Status" })
    #expect(status["restrictedPicklist"] as? Bool == true)
    #expect((status["picklistValues"] as? [[String: Any]])?.map { $0["value"] as? String } == ["Open", "Closed"])
    let who = try #require(fields.first { $0["name"] as? String == "WhoId" })
    #expect(who["referenceTo"] as? [String] == ["Contact", "Lead"])
    #expect(who["relationshipName"] as? String == "Who")
    #expect(who["polymorphicForeignKey"] as? Bool == true)
  }
}
