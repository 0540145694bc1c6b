/// The validated metadata: every object, its fields and rules. Immutable; every emitter reads it.
public struct MetadataModel: Sendable {
  /// Objects sorted by API name.
  public let objects: [SObjectDefinition]
  private let indexByName: [String: Int]
  /// Per parent object name, the offsets in `objects` of the objects with a field (system or
  /// declared, of any API version) that can refer to it; ascending, each once. Built once, so that
  /// a pass over every parent does not scan every object.
  private let childOffsetsByParent: [String: [Int]]

  public init(objects: consuming [SObjectDefinition]) {
    var sorted = Resolution.resolve(objects)
    sorted.sort { $0.name < $1.name }
    self.objects = sorted
    var index: [String: Int] = [:]
    index.reserveCapacity(sorted.count)
    var children: [String: [Int]] = [:]
    var newest: APIVersion?
    func note(_ version: APIVersion?) {
      if let version, newest.map({ version > $0 }) ?? true { newest = version }
    }
    // Read where the objects and fields lie, neither copied: this runs on one core while the other
    // waits, in every run that loads the model.
    sorted.withUnsafeBufferPointer { objects in
      for offset in objects.indices {
        index[objects[offset].name] = offset
        note(objects[offset].since)
        func refer(to targets: [String]) {
          for target in targets where children[target]?.last != offset { children[target, default: []].append(offset) }
        }
        refer(to: SystemFields.referenceTargets)
        objects[offset].fields.withUnsafeBufferPointer { fields in
          for field in fields.indices {
            note(fields[field].since)
            if let targets = fields[field].reference?.targets { refer(to: targets) }
          }
        }
      }
    }
    self.indexByName = index
    self.childOffsetsByParent = children
    self.newestAPIVersion = newest
  }

  /// The objects, in name order, with a field (system or declared, of any API version) that can refer
  /// to the object named `parent`: the only candidates for its child relationships.
  public func objects(referencing parent: String) -> [SObjectDefinition] {
    (childOffsetsByParent[parent] ?? []).map { objects[$0] }
  }

  public subscript(objectNamed name: String) -> SObjectDefinition? {
    indexByName[name].map { objects[$0] }
  }

  /// The newest API version any object or field mentions (computed once: emitters ask per object).
  public let newestAPIVersion: APIVersion?

  /// The API version outputs are made for: the newest the metadata mentions, and where it mentions
  /// none, `APIVersion.defaultOutputVersion`.
  public var outputAPIVersion: APIVersion { newestAPIVersion ?? .defaultOutputVersion }
}

/// One object (sObject) as its reference page describes it.
public struct SObjectDefinition: Sendable {
  public var name: String
  public var label: String
  public var pluralLabel: String
  public var description: String?
  public var keyPrefix: String?
  /// "This object is available in API version 55.0 and later."; nil when the page names no version.
  public var since: APIVersion?
  public var supportedCalls: [SupportedCall]
  public var specialAccessRules: String?
  public var usage: String?
  public var associatedObjects: [AssociatedObject]
  public var recordTypes: [RecordTypeDefinition]
  public var layouts: [LayoutDefinition]
  /// The fields the metadata file declares, in file order (system fields not included).
  public var fields: [FieldDefinition]
  public var rules: [DerivedFieldRule]
  /// Constraints across fields (`atLeastOneOf`), from the same `rules:` section.
  public var crossFieldRules: [CrossFieldRule] = []
  /// The metadata file this object was read from, relative to the metadata folder
  /// (`objects/Interaction.yaml`).
  public var sourceFile: String

  public init(
    name: String, label: String, pluralLabel: String, description: String? = nil,
    keyPrefix: String? = nil, since: APIVersion? = nil, supportedCalls: [SupportedCall] = [],
    specialAccessRules: String? = nil, usage: String? = nil,
    associatedObjects: [AssociatedObject] = [], recordTypes: [RecordTypeDefinition] = [],
    layouts: [LayoutDefinition] = [], fields: [FieldDefinition] = [],
    rules: [DerivedFieldRule] = [], sourceFile: String
  ) {
    self.name = name
    self.label = label
    self.pluralLabel = pluralLabel
    self.description = description
    self.keyPrefix = keyPrefix
    self.since = since
    self.supportedCalls = supportedCalls
    self.specialAccessRules = specialAccessRules
    self.usage = usage
    self.associatedObjects = associatedObjects
    self.recordTypes = recordTypes
    self.layouts = layouts
    self.fields = fields
    self.rules = rules
    self.sourceFile = sourceFile
  }

  public func supports(_ call: SupportedCall) -> Bool { supportedCalls.contains(call) }

  public func field(named name: String) -> FieldDefinition? {
    fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
  }

  /// The field that names a record: the one marked as name field, else `Name`.
  public var nameField: FieldDefinition? { fields.first { $0.isNameField } }

  /// The fields every object has (Id, IsDeleted, CreatedById, …), which the metadata does not repeat.
  public var systemFields: [FieldDefinition] { SystemFields.fields(for: self) }

  /// System fields and declared fields together, as a record has them.
  public var allFields: [FieldDefinition] { systemFields + fields }
}

/// An object listed under "Associated Objects" (feed, history, share, change event…).
public struct AssociatedObject: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable {
    case changeEvent = "ChangeEvent"
    case feed = "Feed"
    case history = "History"
    case ownerSharingRule = "OwnerSharingRule"
    case share = "Share"
    case other
  }

  public var name: String
  public var description: String?
  public var since: APIVersion?

  public init(name: String, description: String? = nil, since: APIVersion? = nil) {
    self.name = name
    self.description = description
    self.since = since
  }

  /// What the associated object is, told by its name's suffix as Salesforce names them.
  public var kind: Kind {
    for kind in Kind.allCases where kind != .other && name.hasSuffix(kind.rawValue) {
      return kind
    }
    return .other
  }
}

/// A record type of an object (the Master record type is implicit).
public struct RecordTypeDefinition: Sendable, Hashable {
  public var developerName: String
  public var label: String
  public var id: String?
  public var description: String?
  public var isActive: Bool
  public var isDefault: Bool

  public init(
    developerName: String, label: String, id: String? = nil, description: String? = nil,
    isActive: Bool = true, isDefault: Bool = false
  ) {
    self.developerName = developerName
    self.label = label
    self.id = id
    self.description = description
    self.isActive = isActive
    self.isDefault = isDefault
  }
}

/// A page layout: sections of fields, later emitted as describeLayout.
public struct LayoutDefinition: Sendable, Hashable {
  public var name: String
  public var sections: [LayoutSection]

  public init(name: String, sections: [LayoutSection]) {
    self.name = name
    self.sections = sections
  }
}

public struct LayoutSection: Sendable, Hashable {
  public enum TabOrder: String, Sendable, CaseIterable {
    case topToBottom = "TopToBottom"
    case leftToRight = "LeftToRight"
  }

  public var heading: String
  public var columns: Int
  public var tabOrder: TabOrder
  /// Cells in reading order (row by row); nil is an empty cell.
  public var items: [LayoutItem?]

  public init(heading: String, columns: Int, tabOrder: TabOrder, items: [LayoutItem?]) {
    self.heading = heading
    self.columns = columns
    self.tabOrder = tabOrder
    self.items = items
  }

  /// The cells split into rows of `columns` cells, the last row padded with empty cells.
  public var rows: [[LayoutItem?]] {
    stride(from: 0, to: items.count, by: columns).map { start in
      var row = Array(items[start..<min(start + columns, items.count)])
      while row.count < columns { row.append(nil) }
      return row
    }
  }
}

public struct LayoutItem: Sendable, Hashable {
  public var field: String
  /// Required on this layout even when the field itself is nillable.
  public var isRequired: Bool
  /// Shown but not editable on this layout.
  public var isReadOnly: Bool

  public init(field: String, isRequired: Bool = false, isReadOnly: Bool = false) {
    self.field = field
    self.isRequired = isRequired
    self.isReadOnly = isReadOnly
  }
}

extension SObjectDefinition {
  /// Whether the object exists in the given API version.
  public func isAvailable(in version: APIVersion) -> Bool { since.map { $0 <= version } ?? true }

  /// System and declared fields that exist in the given API version.
  public func allFields(availableIn version: APIVersion) -> [FieldDefinition] {
    allFields.filter { $0.isAvailable(in: version) }
  }
}
