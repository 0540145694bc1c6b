/// The Salesforce field types, spelt as describe results spell them (`type`).
public enum FieldType: String, CaseIterable, Sendable, Hashable {
  case id
  case string
  case textarea
  case phone
  case email
  case url
  case boolean
  case date
  case datetime
  case time
  case int
  case long
  case double
  case currency
  case percent
  case picklist
  case multipicklist
  case combobox
  case reference
  case encryptedstring
  case base64

  /// Types whose size is a character length.
  public var hasLength: Bool {
    switch self {
    case .string, .textarea, .phone, .email, .url, .picklist, .multipicklist, .combobox,
      .encryptedstring, .base64:
      return true
    default:
      return false
    }
  }

  /// Types whose size is a precision and scale.
  public var hasPrecisionAndScale: Bool {
    switch self {
    case .double, .currency, .percent: return true
    default: return false
    }
  }

  /// Types whose size is a number of digits.
  public var hasDigits: Bool { self == .int || self == .long }

  public var isPicklist: Bool { self == .picklist || self == .multipicklist || self == .combobox }

  /// The length Salesforce gives a field of this type when nothing else is said
  /// (see describe-format.md §3: standard picklists and text fields).
  public var defaultLength: Int? {
    switch self {
    case .string, .url, .picklist, .combobox, .textarea: return 255
    case .phone: return 40
    case .email: return 80
    case .multipicklist: return 4099
    case .encryptedstring: return 175
    case .base64: return 32_000_000
    default: return nil
    }
  }

  public var defaultDigits: Int? {
    switch self {
    case .int: return 9
    case .long: return 18
    default: return nil
    }
  }

  public var defaultPrecision: Int? { hasPrecisionAndScale ? 18 : nil }
  public var defaultScale: Int? {
    switch self {
    case .currency: return 2
    case .double, .percent: return 0
    default: return nil
    }
  }
}

/// Field properties, spelt exactly as Salesforce's object reference pages list them.
public enum FieldProperty: String, CaseIterable, Sendable, Hashable, Comparable {
  case autonumber = "Autonumber"
  case calculated = "Calculated"
  case cascadeDelete = "Cascade delete"
  case caseSensitive = "Case sensitive"
  case create = "Create"
  case defaultedOnCreate = "Defaulted on create"
  case encrypted = "Encrypted"
  case externalID = "External ID"
  case filter = "Filter"
  case group = "Group"
  case idLookup = "idLookup"
  case namePointing = "Namepointing"
  case nillable = "Nillable"
  case queryByDistance = "Query By Distance"
  case restrictedDelete = "Restricted delete"
  case restrictedPicklist = "Restricted picklist"
  case sort = "Sort"
  case unique = "Unique"
  case update = "Update"

  /// The order in which the reference pages list properties: alphabetical, ignoring case.
  public static func < (lhs: FieldProperty, rhs: FieldProperty) -> Bool {
    ranks[lhs.index] < ranks[rhs.index]
  }

  /// Each case's place in that order, by `index`: sorting a field's properties compares them often.
  private static let ranks: [Int] = {
    let ordered = allCases.sorted { $0.rawValue.lowercased() < $1.rawValue.lowercased() }
    var ranks = [Int](repeating: 0, count: allCases.count)
    for (rank, property) in ordered.enumerated() { ranks[property.index] = rank }
    return ranks
  }()

  /// The case's place in declaration order (0 for `autonumber`), without hashing.
  var index: Int {
    switch self {
    case .autonumber: return 0
    case .calculated: return 1
    case .cascadeDelete: return 2
    case .caseSensitive: return 3
    case .create: return 4
    case .defaultedOnCreate: return 5
    case .encrypted: return 6
    case .externalID: return 7
    case .filter: return 8
    case .group: return 9
    case .idLookup: return 10
    case .namePointing: return 11
    case .nillable: return 12
    case .queryByDistance: return 13
    case .restrictedDelete: return 14
    case .restrictedPicklist: return 15
    case .sort: return 16
    case .unique: return 17
    case .update: return 18
    }
  }

  /// The property's bit in a mask of properties (`mask(of:)`): one shifted by its place among the
  /// cases, in declaration order. The parse cache and a child's summary in the output cache keep a
  /// field's properties so (both caches are keyed by the executable's build, so a case added
  /// anywhere never meets a cache written before it).
  public var bit: UInt64 {
    // In a release build `index` is the case's tag, and this check one compare and branch.
    precondition(index < 64, "a mask keeps the field properties in 64 bits")
    return 1 << UInt64(index)
  }

  /// The bits of `properties`, as `bit` gives them.
  public static func mask(of properties: Set<FieldProperty>) -> UInt64 {
    var mask: UInt64 = 0
    for property in properties { mask |= property.bit }
    return mask
  }
}

/// The calls an object's reference page lists under "Supported Calls".
public enum SupportedCall: String, CaseIterable, Sendable, Hashable {
  case convertLead
  case create
  case delete
  case describeLayout
  case describeSObjects
  case getDeleted
  case getUpdated
  case merge
  case process
  case query
  case retrieve
  case search
  case undelete
  case update
  case upsert
}

/// How a reference field relates to its parent ("Relationship Type" on the reference pages).
public enum RelationshipType: String, CaseIterable, Sendable, Hashable {
  case lookup = "Lookup"
  case masterDetail = "Master-detail"
  case hierarchy = "Hierarchy"
}
