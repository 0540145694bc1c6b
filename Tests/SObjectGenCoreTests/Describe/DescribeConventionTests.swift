import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// Salesforce's per-type and per-structure conventions, each checked against what the real
/// responses show (describe-format.md §3–§8), not against this program's output.
@Suite struct DescribeConventionTests {
  static func fields(of object: String, model: MetadataModel) throws -> [ParsedJSON] {
    let definition = try #require(model[objectNamed: object])
    return try ParsedJSON(DescribeSObjectResult.describe(definition, in: model, version: model.newestAPIVersion!))[
      "fields"]?.array ?? []
  }

  static func allGeneratedFields() throws -> [ParsedJSON] {
    try DescribeShapeTests.generatedDescribes().flatMap { try ParsedJSON($0.value)["fields"]?.array ?? [] }
  }

  @Test func soapTypeIsPairedWithTypeAsInTheRealResponses() throws {
    var realPairs: [String: Set<String>] = [:]
    for field in try RealResponses.fieldDescribes() {
      realPairs[field["type"]!.string!, default: []].insert(field["soapType"]!.string!)
    }
    #expect(realPairs["reference"] == ["tns:ID"] && realPairs["textarea"] == ["xsd:string"])
    var compared = 0
    for type in FieldType.allCases {
      guard let real = realPairs[type.rawValue] else { continue }
      #expect(real == [FieldDescribe.soapType(of: type)], "\(type)")
      compared += 1
    }
    #expect(compared >= 15)
    for field in try Self.allGeneratedFields() {
      if let real = realPairs[field["type"]!.string!] { #expect(real.contains(field["soapType"]!.string!)) }
    }
  }

  @Test func sizesFollowTheTypeConventions() throws {
    let textTypes: Set<String> = [
      "string", "textarea", "phone", "email", "url", "picklist", "combobox", "encryptedstring",
    ]
    var seen: Set<String> = []
    for field in try Self.allGeneratedFields() {
      let type = field["type"]!.string!
      seen.insert(type)
      guard case .int(let length) = field["length"], case .int(let byteLength) = field["byteLength"],
        case .int(let digits) = field["digits"], case .int(let precision) = field["precision"],
        case .int(let scale) = field["scale"]
      else {
        Issue.record("sizes are not integers")
        continue
      }
      switch type {
      case _ where textTypes.contains(type):
        #expect(length > 0 && byteLength == 3 * length && digits == 0 && precision == 0 && scale == 0)
      case "id", "reference":
        #expect(length == 18 && byteLength == 18 && digits == 0 && precision == 0)
      case "multipicklist", "base64":
        #expect(length > 0 && byteLength == length)
      case "int", "long":
        #expect(length == 0 && byteLength == 0 && digits > 0 && precision == 0)
      case "double", "currency", "percent":
        #expect(length == 0 && byteLength == 0 && digits == 0 && precision > 0 && scale >= 0)
      default:
        #expect(length == 0 && byteLength == 0 && digits == 0 && precision == 0 && scale == 0, "\(type)")
      }
    }
    #expect(
      seen.isSuperset(of: [
        "id", "reference", "string", "textarea", "phone", "email", "url", "picklist", "multipicklist", "int", "double",
        "currency", "percent", "boolean", "datetime",
      ]))
  }

  @Test func polymorphicReferencesPointByNameAndListTargetsSorted() throws {
    let model = try loadRepositoryMetadata()
    let interaction = try Self.fields(of: "Interaction", model: model)
    let related = try #require(interaction.first { $0["name"] == .string("RelatedRecordId") })
    #expect(related["referenceTo"] == .array([.string("FinancialDeal"), .string("Opportunity")]))
    #expect(related["namePointing"] == .bool(true) && related["polymorphicForeignKey"] == .bool(true))
    #expect(related["relationshipName"] == .string("RelatedRecord"))
    let context = try #require(
      try Self.fields(of: "EngagementInteraction", model: model).first { $0["name"] == .string("ContextId") })
    #expect(context["namePointing"] == .bool(true) && context["polymorphicForeignKey"] == .bool(true))
    for field in try Self.allGeneratedFields() {
      let targets = (field["referenceTo"]?.array ?? []).compactMap(\.string)
      #expect(targets == targets.sorted())
      if targets.count > 1 {
        #expect(field["namePointing"] == .bool(true) && field["polymorphicForeignKey"] == .bool(true))
      }
      if targets.isEmpty { #expect(field["relationshipName"] == .null) }
    }
  }

  @Test func systemFieldsMatchTheCaseResponse() throws {
    let real = try RealResponses.caseV48()["fields"]!.array
    let systemNames = [
      "Id", "IsDeleted", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp",
    ]
    let model = try loadRepositoryMetadata()
    for object in model.objects {
      let ours = try Self.fields(of: object.name, model: model)
      #expect(ours.first?["name"] == .string("Id"))
      #expect(ours.dropFirst().first?["name"] == .string("IsDeleted"))
      let names = ours.compactMap { $0["name"]?.string }
      // The audit fields in Salesforce's order, one after the other.
      let audit = ["CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"]
      let start = try #require(names.firstIndex(of: "CreatedDate"))
      #expect(Array(names[start..<start + 5]) == audit)
      for name in systemNames {
        var ourField = try #require(ours.first { $0["name"] == .string(name) })
        var realField = try #require(real.first { $0["name"] == .string(name) })
        // Only the Id label names the object ("Case ID").
        if name == "Id" {
          #expect(ourField["label"] == .string("\(object.label) ID"))
          guard case .object(var a) = ourField, case .object(var b) = realField else { continue }
          a["label"] = nil
          b["label"] = nil
          ourField = .object(a)
          realField = .object(b)
        }
        #expect(ourField == realField, "\(object.name).\(name)")
      }
    }
  }

  @Test func tensionsOfTheSeedPagesAreResolvedAsDocumented() throws {
    let fields = try Self.fields(of: "EngagementInteraction", model: try loadRepositoryMetadata())
    func field(_ name: String) throws -> ParsedJSON { try #require(fields.first { $0["name"] == .string(name) }) }
    let name = try field("Name")
    #expect(name["type"] == .string("string") && name["autoNumber"] == .bool(true))
    #expect(
      name["createable"] == .bool(false) && name["updateable"] == .bool(false) && name["nameField"] == .bool(true))
    #expect(name["length"] == .int(30) && name["byteLength"] == .int(90))  // as Case.CaseNumber
    let duration = try field("Duration")
    #expect(duration["createable"] == .bool(true) && duration["updateable"] == .bool(true))
    for required in ["CommunicationChannel", "StartDateTime"] {
      #expect(try field(required)["nillable"] == .bool(true))
    }
    let mappedState = try field("MappedState")
    #expect(mappedState["defaultValue"] == .string("New") && mappedState["restrictedPicklist"] == .bool(true))
    let entries = mappedState["picklistValues"]!.array
    #expect(entries.filter { $0["defaultValue"] == .bool(true) }.map { $0["value"] } == [.string("New")])
    #expect(try field("IsAttendeeVerified")["defaultValue"] == .bool(false))
  }

  @Test func childRelationshipsAreComputedAcrossAllObjects() throws {
    let model = try loadRepositoryMetadata()
    let version = model.newestAPIVersion!
    func children(_ object: String) throws -> [(String, String, ParsedJSON)] {
      let describe = try ParsedJSON(
        DescribeSObjectResult.describe(model[objectNamed: object]!, in: model, version: version))
      return describe["childRelationships"]!.array.map { ($0["childSObject"]!.string!, $0["field"]!.string!, $0) }
    }
    let account = try children("Account")
    #expect(
      account.contains {
        $0.0 == "Interaction" && $0.1 == "AccountId" && $0.2["relationshipName"] == .string("Interactions")
      })
    #expect(account.contains { $0.0 == "EngagementInteraction" && $0.1 == "InitiatingAttendeeId" })
    // Every reference to User in the model is a child relationship of User.
    let user = try children("User")
    var expected: [String] = []
    for object in model.objects {
      for field in object.allFields(availableIn: version) where field.reference?.targets.contains("User") == true {
        expected.append("\(object.name).\(field.name)")
      }
    }
    #expect(user.map { "\($0.0).\($0.1)" } == expected.sorted())
    #expect(
      expected.contains("Interaction.OwnerId") && expected.contains("EngagementInteraction.OwnerId")
        && expected.contains("Visit.CreatedById"))
    // Both targets of a polymorphic field list it.
    #expect(try children("Opportunity").contains { $0.0 == "Interaction" && $0.1 == "RelatedRecordId" })
    #expect(try children("FinancialDeal").contains { $0.0 == "Interaction" && $0.1 == "RelatedRecordId" })
    // Sorted as Salesforce sorts them; navigable names unique per parent.
    for object in model.objects {
      let list = try children(object.name)
      #expect(list.map { "\($0.0) \($0.1)" } == list.map { "\($0.0) \($0.1)" }.sorted())
      let names = list.compactMap { $0.2["relationshipName"]?.string }
      #expect(Set(names).count == names.count)
    }
    // A master-detail child cascades, a restricted-delete lookup restricts (test metadata).
    let fixture = try loadDescribeFixtureMetadata()
    let site = try ParsedJSON(
      DescribeSObjectResult.describe(fixture[objectNamed: "Site"]!, in: fixture, version: fixture.newestAPIVersion!))
    let surveySite = try #require(site["childRelationships"]!.array.first { $0["field"] == .string("SiteId") })
    #expect(surveySite["cascadeDelete"] == .bool(true))
    let survey = try ParsedJSON(
      DescribeSObjectResult.describe(fixture[objectNamed: "Survey"]!, in: fixture, version: fixture.newestAPIVersion!))
    let garden = try #require(survey["childRelationships"]!.array.first { $0["childSObject"] == .string("Garden") })
    #expect(garden["restrictedDelete"] == .bool(true) && garden["cascadeDelete"] == .bool(false))
  }

  @Test func objectFlagsFollowTheSupportedCalls() throws {
    let model = try loadRepositoryMetadata()
    let version = model.newestAPIVersion!
    let global = try ParsedJSON(DescribeGlobalResult.describe(model, version: version))
    for object in model.objects {
      let describe = try ParsedJSON(DescribeSObjectResult.describe(object, in: model, version: version))
      let calls = Set(object.supportedCalls.map(\.rawValue))
      #expect(describe["createable"] == .bool(calls.contains("create")))
      #expect(describe["deletable"] == .bool(calls.contains("delete")))
      #expect(describe["queryable"] == .bool(calls.contains("query")))
      #expect(describe["retrieveable"] == .bool(calls.contains("retrieve")))
      #expect(describe["searchable"] == .bool(calls.contains("search")))
      #expect(describe["undeletable"] == .bool(calls.contains("undelete")))
      #expect(describe["updateable"] == .bool(calls.contains("update")))
      #expect(describe["layoutable"] == .bool(calls.contains("describeLayout")))
      #expect(describe["replicateable"] == .bool(calls.contains("getUpdated") && calls.contains("getDeleted")))
      #expect(describe["mergeable"] == .bool(calls.contains("merge")))
      #expect(describe["urls"]?.keys.contains("layouts") == calls.contains("describeLayout"))
      // Master, always, last.
      let master = try #require(describe["recordTypeInfos"]?.array.last)
      #expect(master["recordTypeId"] == .string("012000000000000AAA") && master["master"] == .bool(true))
      #expect(
        master["urls"]?["layout"]
          == (calls.contains("describeLayout")
            ? .string("/services/data/v\(version)/sobjects/\(object.name)/describe/layouts/012000000000000AAA") : nil))
      #expect(describe["urls"]?["sobject"] == .string("/services/data/v\(version)/sobjects/\(object.name)"))
      // describeGlobal's entry has the same values as the describe for every key they share.
      let entry = try #require(global["sobjects"]?.array.first { $0["name"] == .string(object.name) })
      for key in entry.keys where key != "urls" { #expect(entry[key] == describe[key], "\(object.name).\(key)") }
    }
  }

  @Test func layoutsCountTheirRowsAndItemsAndEmbedTheFieldDescribes() throws {
    for model in [try loadRepositoryMetadata(), try loadDescribeFixtureMetadata()] {
      let version = model.newestAPIVersion!
      for object in model.objects where object.supports(.describeLayout) {
        let describe = try ParsedJSON(DescribeSObjectResult.describe(object, in: model, version: version))
        let fields = describe["fields"]!.array
        let result = try ParsedJSON(DescribeLayoutResult.describe(object, version: version))
        let severalRecordTypes = !object.recordTypes.isEmpty
        #expect(result["recordTypeSelectorRequired"] == .array([.bool(severalRecordTypes)]))
        #expect((result["layouts"] == .null) == severalRecordTypes)
        #expect(result["recordTypeMappings"]?.array.count == object.recordTypes.count + 1)
        for layout in result["layouts"]?.array ?? [] {
          var tabOrders: [Int] = []
          for section in layout["editLayoutSections"]!.array {
            let rows = section["layoutRows"]!.array
            #expect(section["rows"] == .int(rows.count))
            #expect(section["useHeading"] == .bool(section != layout["editLayoutSections"]!.array.first))
            for row in rows {
              let items = row["layoutItems"]!.array
              #expect(row["numItems"] == .int(items.count) && section["columns"] == .int(items.count))
              for item in items where item["placeholder"] == .bool(false) {
                let component = item["layoutComponents"]!.array[0]
                let details = component["details"]!
                #expect(fields.contains(details), "\(object.name): details differ from the object describe")
                if case .int(let order) = component["tabOrder"] { tabOrders.append(order) }
                #expect(component["value"] == details["name"])
                if details["createable"] == .bool(false) { #expect(item["editableForNew"] == .bool(false)) }
                if details["updateable"] == .bool(false) { #expect(item["editableForUpdate"] == .bool(false)) }
              }
            }
          }
          // Numbered 1, 2, 3… through the whole layout.
          #expect(!tabOrders.isEmpty && tabOrders.sorted() == Array(1...tabOrders.count))
        }
      }
    }
  }

  @Test func derivedIDsCarryTheRealCaseSafeSuffix() throws {
    // IDs from the Grassroots fixtures: the suffix is computed, not copied.
    #expect(SalesforceID.caseSafe("00h5h000000mLxW") == "00h5h000000mLxWAAU")
    #expect(SalesforceID.caseSafe("01B5h000000fqeh") == "01B5h000000fqehEAA")
    #expect(SalesforceID.caseSafe("0125h000000kNJM") == "0125h000000kNJMAA2")
    #expect(SalesforceID.caseSafe("012000000000000") == "012000000000000AAA")
    let id = SalesforceID.derived(prefix: "00h", from: "Interaction.Interaction Layout")
    #expect(id.count == 18 && id.hasPrefix("00h"))
    #expect(SalesforceID.caseSafe(String(id.prefix(15))) == id)
    #expect(id == SalesforceID.derived(prefix: "00h", from: "Interaction.Interaction Layout"))
    #expect(id != SalesforceID.derived(prefix: "00h", from: "Interaction.Other Layout"))
  }
}
