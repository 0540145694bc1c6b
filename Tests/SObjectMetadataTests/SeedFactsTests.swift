import SObjectGenTestSupport
import Testing

@testable import SObjectMetadata

/// The facts of the two seed pages (Tests/Fixtures/seeds/), transcribed from the pages, asserted field by
/// field against the model loaded from Metadata/.
@Suite struct SeedFactsTests {
  struct PageField {
    var name: String
    var type: FieldType
    var properties: String
    var required = false
    var readOnly = false
    var values: [String]? = nil
    var extensible = false
    var defaultValue: FieldValue? = nil
    var relationshipName: String? = nil
    var relationshipType: RelationshipType? = nil
    var refersTo: [String]? = nil
    var since: APIVersion? = nil
  }

  static let engagementInteraction: [PageField] = [
    .init(name: "AttendeeVerificationTime", type: .datetime, properties: "Create, Filter, Nillable, Sort, Update"),
    .init(
      name: "CommunicationChannel", type: .picklist,
      properties: "Create, Filter, Group, Nillable, Restricted picklist, Sort, Update", required: true,
      values: ["In Person", "Video Call", "Voice Call", "Web Chat"], extensible: true),
    .init(
      name: "ContextId", type: .reference, properties: "Create, Filter, Group, Nillable, Sort, Update",
      relationshipName: "Context", relationshipType: .lookup, refersTo: ["ServiceAppointment", "Visit"]),
    .init(name: "Duration", type: .string, properties: "Create, Filter, Nillable, Sort, Update", readOnly: true),
    .init(name: "EndDateTime", type: .datetime, properties: "Create, Filter, Nillable, Sort, Update"),
    .init(
      name: "ExternalIdentifier", type: .string, properties: "Create, Filter, Group, idLookup, Nillable, Sort, Update"),
    .init(
      name: "InitiatingAttendeeId", type: .reference, properties: "Create, Filter, Group, Nillable, Sort, Update",
      relationshipName: "InitiatingAttendee", relationshipType: .lookup, refersTo: ["Account", "Contact", "Lead"]),
    .init(
      name: "IsAttendeeAuthenticated", type: .boolean,
      properties: "Create, Defaulted on create, Filter, Group, Sort, Update",
      defaultValue: .boolean(false)),
    .init(
      name: "IsAttendeeVerified", type: .boolean,
      properties: "Create, Defaulted on create, Filter, Group, Sort, Update",
      defaultValue: .boolean(false)),
    .init(name: "LastReferencedDate", type: .datetime, properties: "Filter, Nillable, Sort"),
    .init(name: "LastViewedDate", type: .datetime, properties: "Filter, Nillable, Sort"),
    .init(
      name: "MappedState", type: .picklist,
      properties: "Defaulted on create, Filter, Group, Nillable, Restricted picklist, Sort",
      values: ["Completed", "InProgress", "New"], defaultValue: .text("New")),
    .init(name: "Name", type: .string, properties: "Autonumber, Defaulted on create, Filter, idLookup, Sort"),
    .init(
      name: "OwnerId", type: .reference, properties: "Create, Defaulted on create, Filter, Group, Sort, Update",
      relationshipName: "Owner", relationshipType: .lookup, refersTo: ["User"]),
    .init(
      name: "PhoneNumber", type: .phone, properties: "Create, Filter, Nillable, Sort, Update", since: APIVersion(57)),
    .init(name: "Reason", type: .string, properties: "Create, Filter, Nillable, Sort, Update", since: APIVersion(56)),
    .init(
      name: "RecordTypeId", type: .reference, properties: "Create, Filter, Group, Nillable, Sort, Update",
      relationshipName: "RecordType", relationshipType: nil, refersTo: ["RecordType"], since: APIVersion(62)),
    .init(
      name: "Sentiment", type: .picklist,
      properties: "Create, Filter, Group, Nillable, Restricted picklist, Sort, Update",
      values: ["Negative", "Neutral", "Positive"], extensible: true),
    .init(name: "StartDateTime", type: .datetime, properties: "Create, Filter, Nillable, Sort, Update", required: true),
    .init(
      name: "Status", type: .picklist, properties: "Create, Filter, Group, Nillable, Restricted picklist, Sort, Update",
      values: ["Completed", "In Progress", "New"], extensible: true),
    .init(
      name: "Type", type: .picklist, properties: "Create, Filter, Group, Nillable, Restricted picklist, Sort, Update",
      values: ["Inbound", "Outbound"], extensible: true),
  ]

  static let interaction: [PageField] = [
    .init(
      name: "AccountId", type: .reference, properties: "Create, Filter, Group, Nillable, Sort, Update",
      relationshipName: "Account", relationshipType: .lookup, refersTo: ["Account"]),
    .init(name: "Description", type: .textarea, properties: "Create, Nillable, Update"),
    .init(name: "EndTime", type: .datetime, properties: "Create, Filter, Nillable, Sort, Update"),
    .init(
      name: "InteractionType", type: .picklist, properties: "Create, Filter, Group, Nillable, Sort, Update",
      values: ["Conference", "Email", "In Person", "Phone Call"]),
    .init(name: "LastReferencedDate", type: .datetime, properties: "Filter, Nillable, Sort"),
    .init(name: "LastSyncedDateTime", type: .datetime, properties: "Create, Filter, Nillable, Sort, Update"),
    .init(name: "LastViewedDate", type: .datetime, properties: "Filter, Nillable, Sort"),
    .init(
      name: "LocationId", type: .reference, properties: "Create, Filter, Group, Nillable, Sort, Update",
      relationshipName: "Location", relationshipType: .lookup, refersTo: ["Location"]),
    .init(name: "Name", type: .string, properties: "Create, Filter, Group, idLookup, Sort, Update", required: true),
    .init(
      name: "OwnerId", type: .reference, properties: "Create, Defaulted on create, Filter, Group, Sort, Update",
      relationshipName: "Owner", relationshipType: .lookup, refersTo: ["Group", "User"]),
    .init(
      name: "ReferenceIdentifier", type: .string, properties: "Create, Filter, Group, idLookup, Nillable, Sort, Update"),
    .init(
      name: "RelatedRecordId", type: .reference, properties: "Create, Filter, Group, Nillable, Sort, Update",
      relationshipName: "RelatedRecord", relationshipType: .lookup, refersTo: ["FinancialDeal", "Opportunity"]),
    .init(name: "StartTime", type: .datetime, properties: "Create, Filter, Nillable, Sort, Update"),
  ]

  func assertFields(of objectName: String, match page: [PageField]) throws {
    let model = try loadRepositoryMetadata()
    let object = try #require(model[objectNamed: objectName])
    #expect(object.fields.map(\.name).sorted() == page.map(\.name))
    for expected in page {
      let field = try #require(object.fields.first { $0.name == expected.name }, "\(expected.name)")
      let context = Comment(rawValue: "\(objectName).\(expected.name)")
      #expect(field.type == expected.type, context)
      #expect(field.sortedProperties.map(\.rawValue).joined(separator: ", ") == expected.properties, context)
      #expect(field.isRequired == expected.required, context)
      #expect(field.isReadOnly == expected.readOnly, context)
      #expect(field.picklist?.values.map(\.value) == expected.values, context)
      #expect((field.picklist?.isExtensible ?? false) == expected.extensible, context)
      #expect(field.defaultValue == expected.defaultValue, context)
      #expect(field.reference?.relationshipName == expected.relationshipName, context)
      #expect(field.reference?.relationshipType == expected.relationshipType, context)
      #expect(field.reference?.targets == expected.refersTo, context)
      #expect(field.since == expected.since, context)
    }
  }

  @Test func engagementInteractionFields() throws {
    try assertFields(of: "EngagementInteraction", match: Self.engagementInteraction)
  }

  @Test func interactionFields() throws {
    try assertFields(of: "Interaction", match: Self.interaction)
  }

  @Test func engagementInteractionObjectFacts() throws {
    let object = try #require(try loadRepositoryMetadata()[objectNamed: "EngagementInteraction"])
    #expect(object.since == APIVersion(55))
    #expect(
      object.supportedCalls == [
        .create, .delete, .describeLayout, .describeSObjects, .getDeleted, .getUpdated, .query, .retrieve,
        .search, .undelete, .update, .upsert,
      ])
    #expect(object.specialAccessRules == "")
    #expect(
      object.usage
        == "This object is used in the Verify Customer Identity and the Verify Customer Identity Base Flow flow templates."
    )
    #expect(
      object.associatedObjects.map(\.name) == [
        "EngagementAttendeeChangeEvent", "EngagementAttendeeFeed", "EngagementAttendeeHistory",
      ])
    #expect(object.associatedObjects.map(\.kind) == [.changeEvent, .feed, .history])
    #expect(object.description?.hasSuffix("This object is available in API version 55.0 and later.") == true)
    // The autonumber Name is the name field and cannot be set.
    let name = try #require(object.nameField)
    #expect(name.name == "Name" && name.isAutoNumber && !name.isCreateable && !name.isUpdateable)
    #expect(object.fields.filter(\.isPolymorphic).map(\.name) == ["ContextId", "InitiatingAttendeeId"])
  }

  @Test func interactionObjectFacts() throws {
    let object = try #require(try loadRepositoryMetadata()[objectNamed: "Interaction"])
    #expect(object.since == nil)
    #expect(object.supportedCalls.count == 12)
    #expect(object.usage == nil && object.specialAccessRules == nil)
    #expect(
      object.associatedObjects.map(\.name) == [
        "InteractionFeed", "InteractionHistory", "InteractionOwnerSharingRule", "InteractionShare",
      ])
    #expect(
      object.associatedObjects.map(\.description) == [
        "Feed tracking is available for the object.",
        "History is available for tracked fields of the object.",
        "Sharing rules are available for the object.",
        "Sharing is available for the object.",
      ])
    #expect(object.fields.filter(\.isPolymorphic).map(\.name) == ["OwnerId", "RelatedRecordId"])
  }

  /// The three rules the EngagementInteraction page states in prose, held as data.
  @Test func derivedFieldRules() throws {
    let object = try #require(try loadRepositoryMetadata()[objectNamed: "EngagementInteraction"])
    let rules = Dictionary(uniqueKeysWithValues: object.rules.map { ($0.field, $0.computation) })
    #expect(rules["AttendeeVerificationTime"] == .currentTimeWhenTrue(trigger: "IsAttendeeVerified"))
    #expect(rules["Duration"] == .duration(start: "StartDateTime", end: "EndDateTime", unit: .minutes))
    #expect(
      rules["MappedState"]
        == .valueMap(
          source: "Status",
          mapping: [
            .init(from: "Completed", to: "Completed"), .init(from: "In Progress", to: "InProgress"),
            .init(from: "New", to: "New"),
          ]))
  }

  @Test func everyReferencedObjectIsDeclared() throws {
    let model = try loadRepositoryMetadata()
    let targets = Set(model.objects.flatMap { $0.allFields.compactMap(\.reference).flatMap(\.targets) })
    #expect(
      targets == [
        "Account", "Contact", "FinancialDeal", "Group", "Lead", "Location", "Opportunity", "RecordType",
        "ServiceAppointment", "User", "Visit",
      ])
    for target in targets {
      let object = try #require(model[objectNamed: target])
      #expect(object.keyPrefix?.count == 3, "\(target)")
    }
    #expect(model.newestAPIVersion == APIVersion(62))
  }

  @Test func systemFieldsAreAddedReadOnly() throws {
    let object = try #require(try loadRepositoryMetadata()[objectNamed: "Interaction"])
    #expect(object.systemFields.map(\.name) == SystemFields.names)
    for field in object.systemFields {
      #expect(!field.isCreateable && !field.isUpdateable && !field.isNillable && field.isDefaultedOnCreate)
    }
    #expect(object.systemFields[0].label == "Interaction ID")
  }

  /// The system fields with a reference (`SystemFields.referenceFields`, read by the fingerprints) and
  /// the model's indexes, built in one pass that reads the system fields' targets from
  /// `SystemFields.referenceTargets`, against their definitions scanned object by object.
  @Test func modelIndexesMatchAScanOfEveryField() throws {
    let model = try loadRepositoryMetadata()
    for object in model.objects {
      #expect(object.systemFields.filter { $0.reference != nil } == SystemFields.referenceFields, "\(object.name)")
      let targets = object.systemFields.compactMap(\.reference).flatMap(\.targets)
      #expect(Set(targets) == Set(SystemFields.referenceTargets), "\(object.name)")
    }
    #expect(SystemFields.referenceTargets == ["User"])
    let parents = Set(model.objects.map(\.name) + ["User", "Account", "Nowhere"])
    for parent in parents {
      let scanned = model.objects.filter { object in
        object.allFields.contains { $0.reference?.targets.contains(parent) ?? false }
      }
      #expect(model.objects(referencing: parent).map(\.name) == scanned.map(\.name), "\(parent)")
    }
    #expect(model.objects(referencing: "User").count == model.objects.count)
    let versions = model.objects.flatMap { [$0.since] + $0.fields.map(\.since) }.compactMap { $0 }
    #expect(model.newestAPIVersion == versions.max())
    #expect(MetadataModel(objects: []).newestAPIVersion == nil)
  }
}
