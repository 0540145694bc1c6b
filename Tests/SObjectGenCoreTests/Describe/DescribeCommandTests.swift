import Foundation
import SObjectGenTestSupport
import Testing

/// `sobjectgen describe` end to end: API-version filtering and errors.
@Suite struct DescribeCommandTests {
  static func fieldNames(_ arguments: [String]) throws -> [String] {
    let result = try runCLI(["describe"] + arguments + ["--metadata", metadataFolder])
    #expect(result.status == 0, "\(result.stderr)")
    let describe = try ParsedJSON(parsing: result.stdout)
    return describe["fields"]?.array.compactMap { $0["name"]?.string } ?? []
  }

  @Test func fieldsNewerThanTheVersionAreAbsent() throws {
    let at55 = try Self.fieldNames(["EngagementInteraction", "--api-version", "55.0"])
    let at56 = try Self.fieldNames(["EngagementInteraction", "--api-version", "56.0"])
    let at57 = try Self.fieldNames(["EngagementInteraction", "--api-version", "57.0"])
    let at61 = try Self.fieldNames(["EngagementInteraction", "--api-version", "61.0"])
    let at62 = try Self.fieldNames(["EngagementInteraction", "--api-version", "62.0"])
    #expect(!at55.contains("Reason") && at56.contains("Reason"))
    #expect(!at56.contains("PhoneNumber") && at57.contains("PhoneNumber"))
    #expect(!at61.contains("RecordTypeId") && at62.contains("RecordTypeId"))
    #expect(at55.contains("StartDateTime") && at55.first == "Id")
    // Without --api-version: the newest version, 62.0.
    #expect(try Self.fieldNames(["EngagementInteraction"]) == at62)
  }

  @Test func theURLsNameTheRequestedVersion() throws {
    let result = try runCLI(["describe", "Interaction", "--api-version", "48.0", "--metadata", metadataFolder])
    let describe = try ParsedJSON(parsing: result.stdout)
    #expect(describe["urls"]?["describe"] == .string("/services/data/v48.0/sobjects/Interaction/describe"))
    let newest = try ParsedJSON(parsing: try runCLI(["describe", "Interaction", "--metadata", metadataFolder]).stdout)
    #expect(newest["urls"]?["describe"] == .string("/services/data/v62.0/sobjects/Interaction/describe"))
  }

  @Test func anObjectBeforeItsFirstVersionIsAnErrorNamingThatVersion() throws {
    let result = try runCLI([
      "describe", "EngagementInteraction", "--api-version", "54.0", "--metadata", metadataFolder,
    ])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("55.0") && result.stderr.contains("EngagementInteraction"))
    let layouts = try runCLI([
      "describe", "EngagementInteraction", "--layouts", "--api-version", "54.0", "--metadata", metadataFolder,
    ])
    #expect(layouts.status == 1 && layouts.stderr.contains("55.0"))
  }

  @Test func layoutsFollowTheVersionToo() throws {
    func layoutFields(_ version: String) throws -> [String] {
      let result = try runCLI([
        "describe", "EngagementInteraction", "--layouts", "--api-version", version, "--metadata", metadataFolder,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let layouts = try ParsedJSON(parsing: result.stdout)
      var names: [String] = []
      for section in layouts["layouts"]?.array.first?["editLayoutSections"]?.array ?? [] {
        for row in section["layoutRows"]?.array ?? [] {
          for item in row["layoutItems"]?.array ?? [] {
            names += (item["layoutComponents"]?.array ?? []).compactMap { $0["value"]?.string }
          }
        }
      }
      return names
    }
    let at56 = try layoutFields("56.0")
    #expect(at56.contains("Reason") && !at56.contains("PhoneNumber") && !at56.contains("RecordTypeId"))
    #expect(try layoutFields("62.0").contains("RecordTypeId"))
  }

  /// The metadata accepts `since: 56` and `since: 56.0`; so does every command.
  @Test func aWholeNumberAPIVersionIsTheSameVersion() throws {
    let whole = try runCLI(["describe", "EngagementInteraction", "--api-version", "56", "--metadata", metadataFolder])
    let dotted = try runCLI(
      ["describe", "EngagementInteraction", "--api-version", "56.0", "--metadata", metadataFolder])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(whole.stdout == dotted.stdout)
    #expect(whole.stdout.contains("\"Reason\"") && !whole.stdout.contains("\"PhoneNumber\""))
  }

  @Test func badInputIsReported() throws {
    let unknown = try runCLI(["describe", "Nothing", "--metadata", metadataFolder])
    #expect(unknown.status == 1 && unknown.stderr.contains("no object 'Nothing'"))
    let badVersion = try runCLI(["describe", "Interaction", "--api-version", "fifty", "--metadata", metadataFolder])
    #expect(badVersion.status != 0 && badVersion.stderr.contains("'fifty' is not an API version"))
    let notLayoutable = try runCLI(["describe", "Group", "--layouts", "--metadata", metadataFolder])
    #expect(notLayoutable.status == 1 && notLayoutable.stderr.contains("describeLayout"))
  }
}
