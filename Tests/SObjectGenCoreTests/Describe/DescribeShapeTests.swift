import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// Key-for-key shape tests: every key of every real response in Tests/Fixtures/salesforce/ is in
/// the generated JSON, with the same JSON type.
@Suite struct DescribeShapeTests {
  /// Every object describe of the repository's metadata, plus the test objects (which have types,
  /// record types and relationships the repository's metadata lacks).
  static func generatedDescribes() throws -> [(name: String, value: JSONValue)] {
    var result: [(String, JSONValue)] = []
    for model in [try loadRepositoryMetadata(), try loadDescribeFixtureMetadata()] {
      let version = model.newestAPIVersion!
      for object in model.objects {
        result.append((object.name, try DescribeSObjectResult.describe(object, in: model, version: version)))
      }
    }
    return result
  }

  @Test func topLevelKeysAreExactlyThoseOfTheV59AndEventResponses() throws {
    let event = try RealResponses.event()
    let account = try RealResponses.accountV59()
    #expect(event.keys == account.keys)
    for (name, describe) in try Self.generatedDescribes() {
      #expect(try ParsedJSON(describe).keys == account.keys, "\(name)")
    }
    // The v48 Case response has a subset (no associateEntityType, …, sobjectDescribeOption).
    let caseKeys = try RealResponses.caseV48().keys
    #expect(caseKeys.isSubset(of: account.keys))
    #expect(
      account.keys.subtracting(caseKeys) == ["associateEntityType", "associateParentEntity", "sobjectDescribeOption"])
  }

  @Test func everyDescribeHasTheShapeOfEveryRealDescribe() throws {
    for (realName, real) in try RealResponses.describes() {
      // Compare the object level without the arrays whose elements are checked below.
      guard case .object(var realTop) = real else {
        Issue.record("not an object")
        continue
      }
      realTop["fields"] = nil
      realTop["childRelationships"] = nil
      for (name, describe) in try Self.generatedDescribes() {
        guard case .object(var ours) = try ParsedJSON(describe) else { continue }
        ours["fields"] = nil
        ours["childRelationships"] = nil
        let problems = shapeProblems(ours: .object(ours), real: .object(realTop), path: name)
        #expect(problems.isEmpty, "against \(realName): \(problems)")
      }
    }
  }

  @Test func everyFieldHasThe57KeysOfEveryRealField() throws {
    let realFields = try RealResponses.fieldDescribes()
    #expect(realFields.count == 345)
    let keySet = realFields[0].keys
    #expect(keySet.count == 57)
    #expect(realFields.allSatisfy { $0.keys == keySet })
    var realByType: [String: ParsedJSON] = [:]
    for field in realFields {
      if let type = field["type"]?.string, realByType[type] == nil { realByType[type] = field }
    }
    var checked = 0
    for (name, describe) in try Self.generatedDescribes() {
      for field in try ParsedJSON(describe)["fields"]?.array ?? [] {
        #expect(field.keys == keySet, "\(name).\(field["name"]?.string ?? "?")")
        // Same JSON types as a real field of the same type (or of any type where none is recorded).
        let type = field["type"]?.string ?? ""
        let real = realByType[type] ?? realFields[0]
        let problems = shapeProblems(ours: field, real: real, path: "\(name).\(field["name"]?.string ?? "?")")
        #expect(problems.isEmpty, "\(problems)")
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func childRelationshipsRecordTypeInfosScopesAndPicklistEntriesHaveTheRealKeys() throws {
    let real = try RealResponses.caseV48()
    let realChild = try #require(real["childRelationships"]?.array.first)
    let realRecordType = try #require(real["recordTypeInfos"]?.array.first)
    let realScope = try #require(real["supportedScopes"]?.array.first)
    let status = try #require(real["fields"]?.array.first { $0["name"] == .string("Status") })
    let realEntry = try #require(status["picklistValues"]?.array.first)
    var counts = (children: 0, recordTypes: 0, scopes: 0, entries: 0)
    for (name, describe) in try Self.generatedDescribes() {
      let ours = try ParsedJSON(describe)
      for child in ours["childRelationships"]?.array ?? [] {
        #expect(child.keys == realChild.keys, "\(name)")
        #expect(shapeProblems(ours: child, real: realChild, path: name).isEmpty)
        counts.children += 1
      }
      let layoutable = ours["layoutable"] == .bool(true)
      for recordType in ours["recordTypeInfos"]?.array ?? [] {
        #expect(recordType.keys == realRecordType.keys, "\(name)")
        #expect(shapeProblems(ours: recordType, real: realRecordType, path: name).isEmpty)
        // Only layoutable objects serve a layout for a record type.
        #expect(recordType["urls"]?.keys == (layoutable ? ["layout"] : []))
        counts.recordTypes += 1
      }
      for scope in ours["supportedScopes"]?.array ?? [] {
        #expect(scope.keys == realScope.keys, "\(name)")
        counts.scopes += 1
      }
      for field in ours["fields"]?.array ?? [] {
        for entry in field["picklistValues"]?.array ?? [] {
          #expect(entry.keys == realEntry.keys, "\(name)")
          #expect(shapeProblems(ours: entry, real: realEntry, path: name).isEmpty)
          counts.entries += 1
        }
      }
    }
    #expect(counts.children > 20 && counts.recordTypes > 13 && counts.scopes > 13 && counts.entries > 20)
  }

  @Test func describeGlobalHasTheRealKeysAndTypes() throws {
    let real = try RealResponses.globalV48()
    let realEntry = try #require(real["sobjects"]?.array.first)
    #expect(real["sobjects"]?.array.count == 787)
    for model in [try loadRepositoryMetadata(), try loadDescribeFixtureMetadata()] {
      let ours = try ParsedJSON(DescribeGlobalResult.describe(model, version: model.newestAPIVersion!))
      #expect(ours.keys == real.keys)
      #expect(ours["encoding"] == real["encoding"] && ours["maxBatchSize"] == real["maxBatchSize"])
      let entries = ours["sobjects"]?.array ?? []
      #expect(entries.count == model.objects.count)
      for entry in entries {
        // The v48 keys, plus the two v52 added.
        #expect(entry.keys == realEntry.keys.union(["associateEntityType", "associateParentEntity"]))
        let entryName = entry["name"]?.string ?? "?"
        #expect(shapeProblems(ours: entry, real: realEntry, path: entryName).isEmpty)
        let urls = entry["urls"]?.keys ?? []
        #expect(urls.isSuperset(of: ["sobject", "describe", "rowTemplate"]))
        #expect(urls.contains("layouts") == (entry["layoutable"] == .bool(true)))
        #expect(!urls.contains("uiDetailTemplate"))
      }
    }
  }

  @Test func describeLayoutsHaveTheRealKeysAndTypes() throws {
    let multiple = try RealResponses.layoutsMultiple()
    let single = try RealResponses.layoutSingle()
    let realMapping = try #require(multiple["recordTypeMappings"]?.array.first)
    let realSection = try #require(single["editLayoutSections"]?.array.first)
    let realRow = try #require(realSection["layoutRows"]?.array.first)
    let realItem = try #require(realRow["layoutItems"]?.array.first)
    let realComponent = try #require(realItem["layoutComponents"]?.array.first)
    let realPlaceholder = try #require(realSection["layoutRows"]?.array[1]["layoutItems"]?.array[1])
    #expect(realPlaceholder["placeholder"] == .bool(true))
    let fieldKeys = try RealResponses.fieldDescribes()[0].keys
    var counts = (layouts: 0, sections: 0, items: 0, placeholders: 0)
    for model in [try loadRepositoryMetadata(), try loadDescribeFixtureMetadata()] {
      for object in model.objects where object.supports(.describeLayout) {
        let ours = try ParsedJSON(DescribeLayoutResult.describe(object, version: model.newestAPIVersion!))
        #expect(ours.keys == multiple.keys, "\(object.name)")
        for mapping in ours["recordTypeMappings"]?.array ?? [] {
          #expect(mapping.keys == realMapping.keys)
          #expect(shapeProblems(ours: mapping, real: realMapping, path: object.name).isEmpty)
        }
        guard case .bool = ours["recordTypeSelectorRequired"]?.array.first,
          ours["recordTypeSelectorRequired"]?.array.count == 1
        else {
          Issue.record("\(object.name): recordTypeSelectorRequired is not an array of one boolean")
          continue
        }
        for layout in ours["layouts"]?.array ?? [] {
          counts.layouts += 1
          // The 12 keys of a DescribeLayout (describe-format.md §8.3); the fixture kept only two.
          #expect(
            layout.keys == [
              "buttonLayoutSection", "detailLayoutSections", "editLayoutSections", "feedView",
              "highlightsPanelLayoutSection", "id", "multirowEditLayoutSections", "offlineLinks", "quickActionList",
              "relatedContent", "relatedLists", "saveOptions",
            ])
          #expect(layout.keys.isSuperset(of: single.keys))
          for section in (layout["editLayoutSections"]?.array ?? []) + (layout["detailLayoutSections"]?.array ?? []) {
            counts.sections += 1
            #expect(section.keys == realSection.keys)
            #expect(section["parentLayoutId"] == layout["id"])
            for row in section["layoutRows"]?.array ?? [] {
              #expect(row.keys == realRow.keys)
              for item in row["layoutItems"]?.array ?? [] {
                #expect(item.keys == realItem.keys)
                if item["placeholder"] == .bool(true) {
                  #expect(item == realPlaceholder)
                  counts.placeholders += 1
                } else {
                  counts.items += 1
                  for component in item["layoutComponents"]?.array ?? [] {
                    #expect(component.keys == realComponent.keys)
                    #expect(component["details"]?.keys == fieldKeys)
                    #expect(shapeProblems(ours: component, real: realComponent, path: object.name).isEmpty)
                  }
                }
              }
            }
          }
        }
      }
    }
    #expect(counts.layouts >= 11 && counts.sections > 20 && counts.items > 40 && counts.placeholders > 3)
  }

  @Test func keysAreInAlphabeticalOrderOutsideURLs() throws {
    // The real bodies list keys alphabetically everywhere but inside `urls`.
    for model in [try loadRepositoryMetadata(), try loadDescribeFixtureMetadata()] {
      let version = model.newestAPIVersion!
      #expect(unorderedObjects(in: DescribeGlobalResult.describe(model, version: version)).isEmpty)
      for object in model.objects {
        #expect(unorderedObjects(in: try DescribeSObjectResult.describe(object, in: model, version: version)).isEmpty)
        if object.supports(.describeLayout) {
          #expect(unorderedObjects(in: try DescribeLayoutResult.describe(object, version: version)).isEmpty)
        }
      }
    }
  }
}
