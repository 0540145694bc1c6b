import Foundation

/// What each object file parsed into, kept between runs so that a load parses again only the files
/// whose bytes changed. Keyed per file by its path relative to the metadata folder and the FNV-1a
/// hash of its bytes; only files that parsed without any diagnostic are kept, so that a file read
/// from here gives exactly the model and the diagnostics (those of the checks across files) of a
/// parse. Locations are kept as line and column and take the path the current load names the file by.
///
/// Never trusted blindly: a cache file in another format, made with another key (the generator's
/// build) or whose header fails its checksum is ignored as a whole; an entry whose payload fails its
/// own checksum or does not decode is parsed again from the YAML.
///
/// A write after a small change does not rewrite the whole file (31 MB at 3,000 objects): the
/// entries that differ from it go to a second file beside it, `<name>-delta`, in the same form, made
/// for that base (its key names the base's header checksum) and read over it. When the delta would
/// grow past an eighth of the base, the base is written whole again and the delta removed. A delta
/// that is missing, corrupt or made for another base is ignored: the files it held are parsed again.
public final class ParseCache: @unchecked Sendable {
  static let magic = Array("sobjectgen-parsed 1\n".utf8)

  private struct Stored {
    var hash: UInt64
    var checksum: UInt64
    var payload: Data
  }

  /// What the cache file held (the base, then its delta over it), by relative path.
  private let stored: [String: Stored]
  /// What the base file alone held, and its header checksum (nil: no base was read).
  private let base: [String: Stored]
  private let baseID: UInt64?
  /// What the last load used or made, by relative path: the entries the next write keeps.
  private var current: [String: Stored] = [:]
  /// Paths whose stored entry had the right hash but failed its checksum or did not decode.
  private var rejected: Set<String> = []
  private let lock = NSLock()
  private(set) var hitCount = 0
  private(set) var missCount = 0

  public let key: String

  /// An empty cache (every file is parsed).
  public init(key: String) {
    self.key = key
    self.stored = [:]
    self.base = [:]
    self.baseID = nil
  }

  private init(key: String, base: [String: Stored], baseID: UInt64, delta: [String: Stored]) {
    self.key = key
    self.base = base
    self.baseID = baseID
    self.stored = base.merging(delta) { $1 }
  }

  /// The file beside a cache file that holds its changed entries.
  public static func deltaLocation(of url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + "-delta")
  }

  private static func deltaKey(_ key: String, base: UInt64) -> String {
    key + "\nbase " + String(base, radix: 16)
  }

  /// How many files the last loads took from the cache, and how many they parsed.
  public var statistics: (hits: Int, misses: Int) { lock.withLock { (hitCount, missCount) } }

  /// Whether the last load changed what a write would store.
  public var isModified: Bool {
    lock.withLock {
      !rejected.isEmpty || current.count != stored.count
        || current.contains { path, entry in stored[path].map { $0.hash != entry.hash } ?? true }
    }
  }

  // MARK: Lookup and record (called by the loader, from every core)

  /// The parse result of the file at `relativePath` whose bytes hash to `hash`, with its locations
  /// naming `path`; nil when the cache has no valid entry for exactly those bytes.
  func lookup(relativePath: String, hash: UInt64, path: String) -> ParsedObject? {
    guard let entry = stored[relativePath], entry.hash == hash else {
      lock.withLock { missCount += 1 }
      return nil
    }
    guard FileHash.of(entry.payload) == entry.checksum,
      let parsed = try? ParsedObjectCoding.decode(entry.payload, path: path, relativePath: relativePath)
    else {
      lock.withLock {
        missCount += 1
        rejected.insert(relativePath)
      }
      return nil
    }
    lock.withLock {
      hitCount += 1
      current[relativePath] = entry
    }
    return parsed
  }

  /// Keeps a file's clean parse result for the next run.
  func record(relativePath: String, hash: UInt64, parsed: ParsedObject) {
    let payload = ParsedObjectCoding.encode(parsed)
    let entry = Stored(hash: hash, checksum: FileHash.of(payload), payload: payload)
    lock.withLock { current[relativePath] = entry }
  }

  // MARK: Reading and writing

  /// Reads a cache file; an empty cache when it is missing, unreadable, in another format, made with
  /// another key or fails its header checksum.
  public static func read(from url: URL, key: String) -> ParseCache {
    // Mapped, not read: a large org's cache is 31 MB, and copying it into fresh memory was a tenth of a
    // one-file edit. The file is only ever replaced by a rename (`CacheFile`), never changed in place,
    // so the mapping keeps the bytes it was read with; each entry is still checked against its checksum.
    guard let data = try? Data(contentsOf: url, options: .alwaysMapped), let (base, baseID) = try? parse(data, key: key)
    else {
      return ParseCache(key: key)
    }
    let deltaData = try? Data(contentsOf: deltaLocation(of: url))
    let delta = deltaData.flatMap { try? parse($0, key: deltaKey(key, base: baseID)) }?.entries ?? [:]
    return ParseCache(key: key, base: base, baseID: baseID, delta: delta)
  }

  /// The entries of a cache file and its header checksum.
  private static func parse(_ data: Data, key: String) throws -> (entries: [String: Stored], id: UInt64) {
    try data.withUnsafeBytes { try parse($0, data: data, key: key) }
  }

  private static func parse(_ bytes: UnsafeRawBufferPointer, data: Data, key: String) throws
    -> (entries: [String: Stored], id: UInt64)
  {
    var reader = ByteReader(bytes)
    guard Array(bytes[try reader.skip(magic.count)]) == magic, try reader.string() == key else {
      throw ByteReader.Malformed()
    }
    let headerStart = reader.offset
    let count = try reader.int()
    var entries: [(String, UInt64, UInt64, Int)] = []
    entries.reserveCapacity(count)
    for _ in 0..<count {
      entries.append((try reader.string(), try reader.uint64(), try reader.uint64(), try reader.int()))
    }
    let headerEnd = reader.offset
    let id = FileHash.of(bytes: UnsafeRawBufferPointer(rebasing: bytes[headerStart..<headerEnd]))
    guard try reader.uint64() == id else { throw ByteReader.Malformed() }
    var stored: [String: Stored] = [:]
    stored.reserveCapacity(count)
    for (path, hash, checksum, length) in entries {
      let range = try reader.skip(length)
      let payload = data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]
      stored[path] = Stored(hash: hash, checksum: checksum, payload: payload)
    }
    guard reader.isAtEnd else { throw ByteReader.Malformed() }
    return (stored, id)
  }

  /// Writes what the last load used or made, atomically, creating the folder: only the entries that
  /// differ from the base file read, into its delta, while they are few; else the whole file.
  public func write(to url: URL) throws {
    let (entries, rejected) = lock.withLock { (current.sorted { $0.key < $1.key }, self.rejected) }
    let deltaURL = Self.deltaLocation(of: url)
    if let baseID {
      let changed = entries.filter { path, entry in
        rejected.contains(path) || (base[path].map { $0.hash != entry.hash } ?? true)
      }
      let removed = base.count - (entries.count - changed.count)
      let baseSize = base.values.reduce(0) { $0 + $1.payload.count }
      if removed <= base.count / 8, changed.reduce(0, { $0 + $1.value.payload.count }) <= baseSize / 8 {
        return try CacheFile.write(Self.file(changed, key: Self.deltaKey(key, base: baseID)).data, to: deltaURL)
      }
    }
    // The delta goes first: it must never be read over the new base.
    if FileManager.default.fileExists(atPath: deltaURL.path) { try FileManager.default.removeItem(at: deltaURL) }
    try CacheFile.write(Self.file(entries, key: key).data, to: url)
  }

  /// A cache file holding `entries`, and its header checksum.
  private static func file(_ entries: [(key: String, value: Stored)], key: String) -> (data: Data, id: UInt64) {
    var writer = ByteWriter()
    writer.bytes(Self.magic)
    writer.string(key)
    let headerStart = writer.buffer.count
    writer.int(entries.count)
    for (path, entry) in entries {
      writer.string(path)
      writer.uint64(entry.hash)
      writer.uint64(entry.checksum)
      writer.int(entry.payload.count)
    }
    let id = writer.buffer[headerStart...].withUnsafeBytes { FileHash.of(bytes: $0) }
    writer.uint64(id)
    var data = Data(writer.buffer)
    for (_, entry) in entries { data.append(entry.payload) }
    return (data, id)
  }
}

/// A 64-bit hash of bytes, stable across runs and machines (unlike `Hasher`): eight bytes at a time
/// (little-endian words: a multiply and a shift per word), the last bytes and the length mixed in,
/// then a final avalanche. Not cryptographic; fast enough to hash a large org's metadata, or a DDL
/// file of tens of megabytes, in a few milliseconds. `Stream` gives the same hash of bytes that come
/// in parts.
public enum FileHash {
  public static func of(_ data: Data) -> UInt64 {
    data.withUnsafeBytes { of(bytes: $0) }
  }

  public static func of(bytes: UnsafeRawBufferPointer) -> UInt64 {
    var stream = Stream()
    stream.update(bytes)
    return stream.finish()
  }

  public struct Stream {
    private static let multiplier: UInt64 = 0x9e37_79b9_7f4a_7c15
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private var count: UInt64 = 0
    /// Bytes of a word not yet complete, little-endian, and how many.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    public init() {}

    private mutating func mix(_ word: UInt64) {
      hash = (hash ^ word) &* Self.multiplier
      hash ^= hash >> 29
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
      count &+= UInt64(bytes.count)
      var offset = 0
      while pendingCount > 0 && offset < bytes.count {
        pending |= UInt64(bytes[offset]) << UInt64(pendingCount * 8)
        pendingCount += 1
        offset += 1
        if pendingCount == 8 {
          mix(pending)
          pending = 0
          pendingCount = 0
        }
      }
      while offset + 8 <= bytes.count {
        mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        offset += 8
      }
      while offset < bytes.count {
        pending |= UInt64(bytes[offset]) << UInt64(pendingCount * 8)
        pendingCount += 1
        offset += 1
      }
    }

    public func finish() -> UInt64 {
      var copy = self
      copy.mix(copy.pending ^ UInt64(copy.pendingCount))
      copy.mix(copy.count)
      // The final mix of MurmurHash3 (fmix64): every input bit reaches every output bit.
      var hash = copy.hash
      hash ^= hash >> 33
      hash &*= 0xff51_afd7_ed55_8ccd
      hash ^= hash >> 33
      hash &*= 0xc4ce_b9fe_1a85_ec53
      hash ^= hash >> 33
      return hash
    }
  }
}

// MARK: - The binary form of a parse result

/// A compact binary form of `ParsedObject`: variable-length integers, length-prefixed UTF-8 strings,
/// a presence byte before each optional. Locations are stored without their file.
enum ParsedObjectCoding {
  /// Bump when the layout below changes (the key also changes with every build of the generator).
  static let version = 1

  static func encode(_ parsed: ParsedObject) -> Data {
    var w = ByteWriter()
    w.int(version)
    let o = parsed.definition
    w.string(o.name)
    w.string(o.label)
    w.string(o.pluralLabel)
    w.optionalString(o.description)
    w.optionalString(o.keyPrefix)
    w.optionalVersion(o.since)
    w.int(o.supportedCalls.count)
    for call in o.supportedCalls { w.int(SupportedCall.allCases.firstIndex(of: call)!) }
    w.optionalString(o.specialAccessRules)
    w.optionalString(o.usage)
    w.int(o.associatedObjects.count)
    for associated in o.associatedObjects {
      w.string(associated.name)
      w.optionalString(associated.description)
      w.optionalVersion(associated.since)
    }
    w.int(o.recordTypes.count)
    for recordType in o.recordTypes {
      w.string(recordType.developerName)
      w.string(recordType.label)
      w.optionalString(recordType.id)
      w.optionalString(recordType.description)
      w.bool(recordType.isActive)
      w.bool(recordType.isDefault)
    }
    w.int(o.layouts.count)
    for layout in o.layouts {
      w.string(layout.name)
      w.int(layout.sections.count)
      for section in layout.sections {
        w.string(section.heading)
        w.int(section.columns)
        w.int(LayoutSection.TabOrder.allCases.firstIndex(of: section.tabOrder)!)
        w.int(section.items.count)
        for item in section.items {
          w.bool(item != nil)
          guard let item else { continue }
          w.string(item.field)
          w.bool(item.isRequired)
          w.bool(item.isReadOnly)
        }
      }
    }
    w.int(o.fields.count)
    for field in o.fields { encode(field, into: &w) }
    w.int(o.rules.count)
    for rule in o.rules {
      w.string(rule.field)
      switch rule.computation {
      case .valueMap(let source, let mapping):
        w.int(0)
        w.string(source)
        w.int(mapping.count)
        for pair in mapping {
          w.string(pair.from)
          w.string(pair.to)
        }
      case .duration(let start, let end, let unit):
        w.int(1)
        w.string(start)
        w.string(end)
        w.int(DerivedFieldRule.DurationUnit.allCases.firstIndex(of: unit)!)
      case .currentTimeWhenTrue(let trigger):
        w.int(2)
        w.string(trigger)
      }
      w.optionalString(rule.description)
      w.location(rule.location)
    }
    w.int(o.crossFieldRules.count)
    for rule in o.crossFieldRules {
      w.int(CrossFieldRule.Kind.allCases.firstIndex(of: rule.kind)!)
      w.strings(rule.fields)
      w.optionalString(rule.description)
      w.location(rule.location)
    }
    w.string(o.sourceFile)
    w.location(parsed.nameLocation)
    w.location(parsed.keyPrefixLocation)
    w.int(parsed.referenceTargets.count)
    for target in parsed.referenceTargets {
      w.string(target.field)
      w.string(target.target)
      w.location(target.location)
    }
    return Data(w.buffer)
  }

  private static func encode(_ field: FieldDefinition, into w: inout ByteWriter) {
    w.string(field.name)
    w.string(field.label)
    w.int(FieldType.allCases.firstIndex(of: field.type)!)
    w.int(Int(FieldProperty.mask(of: field.properties)))
    w.optionalString(field.description)
    w.bool(field.isRequired)
    w.bool(field.isReadOnly)
    switch field.defaultValue {
    case nil: w.int(0)
    case .boolean(let flag)?: w.int(flag ? 1 : 2)
    case .text(let text)?:
      w.int(3)
      w.string(text)
    case .number(let text)?:
      w.int(4)
      w.string(text)
    }
    w.optionalInt(field.length)
    w.optionalInt(field.precision)
    w.optionalInt(field.scale)
    w.optionalInt(field.digits)
    w.bool(field.picklist != nil)
    if let picklist = field.picklist {
      w.int(picklist.values.count)
      for value in picklist.values {
        w.string(value.value)
        w.string(value.label)
        w.bool(value.isActive)
        w.bool(value.isDefault)
      }
      w.bool(picklist.isRestricted)
      w.bool(picklist.isExtensible)
    }
    w.bool(field.reference != nil)
    if let reference = field.reference {
      w.strings(reference.targets)
      w.string(reference.relationshipName)
      w.int(reference.relationshipType.map { RelationshipType.allCases.firstIndex(of: $0)! + 1 } ?? 0)
    }
    w.optionalVersion(field.since)
    w.bool(field.isNameField)
    w.bool(field.isSystem)
    w.location(field.location)
  }

  static func decode(_ data: Data, path: String, relativePath: String) throws -> ParsedObject {
    try data.withUnsafeBytes { try decode($0, path: path, relativePath: relativePath) }
  }

  private static func decode(_ bytes: UnsafeRawBufferPointer, path: String, relativePath: String) throws
    -> ParsedObject
  {
    var r = ByteReader(bytes)
    r.file = path
    guard try r.int() == version else { throw ByteReader.Malformed() }
    let name = try r.string()
    let label = try r.string()
    let pluralLabel = try r.string()
    let description = try r.optionalString()
    let keyPrefix = try r.optionalString()
    let since = try r.optionalVersion()
    let supportedCalls = try (0..<r.count()).map { _ in try r.enumCase(SupportedCall.self) }
    let specialAccessRules = try r.optionalString()
    let usage = try r.optionalString()
    let associatedObjects = try (0..<r.count()).map { _ in
      AssociatedObject(name: try r.string(), description: try r.optionalString(), since: try r.optionalVersion())
    }
    let recordTypes = try (0..<r.count()).map { _ in
      RecordTypeDefinition(
        developerName: try r.string(), label: try r.string(), id: try r.optionalString(),
        description: try r.optionalString(), isActive: try r.bool(), isDefault: try r.bool())
    }
    let layouts = try (0..<r.count()).map { _ in
      LayoutDefinition(
        name: try r.string(),
        sections: try (0..<r.count()).map { _ in
          LayoutSection(
            heading: try r.string(), columns: try r.int(), tabOrder: try r.enumCase(LayoutSection.TabOrder.self),
            items: try (0..<r.count()).map { _ -> LayoutItem? in
              guard try r.bool() else { return nil }
              return LayoutItem(field: try r.string(), isRequired: try r.bool(), isReadOnly: try r.bool())
            })
        })
    }
    // Most fields of a file share a few sets of properties: each set is made once.
    var propertySets: [Int: Set<FieldProperty>] = [:]
    let fields = try (0..<r.count()).map { _ in try decodeField(&r, propertySets: &propertySets) }
    let rules = try (0..<r.count()).map { _ -> DerivedFieldRule in
      let field = try r.string()
      let computation: DerivedFieldRule.Computation
      switch try r.int() {
      case 0:
        computation = .valueMap(
          source: try r.string(),
          mapping: try (0..<r.count()).map { _ in
            DerivedFieldRule.ValueMapping(from: try r.string(), to: try r.string())
          })
      case 1:
        computation = .duration(
          start: try r.string(), end: try r.string(), unit: try r.enumCase(DerivedFieldRule.DurationUnit.self))
      case 2:
        computation = .currentTimeWhenTrue(trigger: try r.string())
      default:
        throw ByteReader.Malformed()
      }
      return DerivedFieldRule(
        field: field, computation: computation, description: try r.optionalString(), location: try r.location())
    }
    let crossFieldRules = try (0..<r.count()).map { _ in
      CrossFieldRule(
        kind: try r.enumCase(CrossFieldRule.Kind.self), fields: try r.strings(), description: try r.optionalString(),
        location: try r.location())
    }
    let sourceFile = try r.string()
    guard sourceFile == relativePath else { throw ByteReader.Malformed() }
    var object = SObjectDefinition(
      name: name, label: label, pluralLabel: pluralLabel, description: description, keyPrefix: keyPrefix,
      since: since, supportedCalls: supportedCalls, specialAccessRules: specialAccessRules, usage: usage,
      associatedObjects: associatedObjects, recordTypes: recordTypes, layouts: layouts, fields: fields,
      rules: rules, sourceFile: sourceFile)
    object.crossFieldRules = crossFieldRules
    let nameLocation = try r.location()
    let keyPrefixLocation = try r.location()
    let referenceTargets = try (0..<r.count()).map { _ in
      (field: try r.string(), target: try r.string(), location: try r.location())
    }
    guard r.isAtEnd else { throw ByteReader.Malformed() }
    return ParsedObject(
      definition: object, nameLocation: nameLocation, keyPrefixLocation: keyPrefixLocation,
      referenceTargets: referenceTargets)
  }

  private static func decodeField(_ r: inout ByteReader, propertySets: inout [Int: Set<FieldProperty>]) throws
    -> FieldDefinition
  {
    let name = try r.string()
    let label = try r.string()
    let type = try r.enumCase(FieldType.self)
    let mask = try r.int()
    guard mask >= 0, mask < 1 << FieldProperty.allCases.count else { throw ByteReader.Malformed() }
    let properties: Set<FieldProperty>
    if let known = propertySets[mask] {
      properties = known
    } else {
      var made: Set<FieldProperty> = []
      for property in FieldProperty.allCases where UInt64(mask) & property.bit != 0 { made.insert(property) }
      propertySets[mask] = made
      properties = made
    }
    // Every value is read first and the field made once: a field made and then changed member by
    // member is copied and destroyed on the way (150,000 fields in a large org).
    let description = try r.optionalString()
    let isRequired = try r.bool()
    let isReadOnly = try r.bool()
    let defaultValue: FieldValue?
    switch try r.int() {
    case 0: defaultValue = nil
    case 1: defaultValue = .boolean(true)
    case 2: defaultValue = .boolean(false)
    case 3: defaultValue = .text(try r.string())
    case 4: defaultValue = .number(try r.string())
    default: throw ByteReader.Malformed()
    }
    let length = try r.optionalInt()
    let precision = try r.optionalInt()
    let scale = try r.optionalInt()
    let digits = try r.optionalInt()
    var picklist: PicklistDefinition?
    if try r.bool() {
      let values = try (0..<r.count()).map { _ in
        PicklistValue(value: try r.string(), label: try r.string(), isActive: try r.bool(), isDefault: try r.bool())
      }
      picklist = PicklistDefinition(values: values, isRestricted: try r.bool(), isExtensible: try r.bool())
    }
    var reference: ReferenceDefinition?
    if try r.bool() {
      let targets = try r.strings()
      let relationshipName = try r.string()
      let typeIndex = try r.int()
      guard typeIndex >= 0, typeIndex <= RelationshipType.allCases.count else { throw ByteReader.Malformed() }
      reference = ReferenceDefinition(
        targets: targets, relationshipName: relationshipName,
        relationshipType: typeIndex == 0 ? nil : RelationshipType.allCases[typeIndex - 1])
    }
    return FieldDefinition(
      name: name, label: label, type: type, properties: properties, description: description,
      isRequired: isRequired, isReadOnly: isReadOnly, defaultValue: defaultValue, length: length,
      precision: precision, scale: scale, digits: digits, picklist: picklist, reference: reference,
      since: try r.optionalVersion(), isNameField: try r.bool(), isSystem: try r.bool(), location: try r.location())
  }
}

struct ByteWriter {
  var buffer: [UInt8] = []

  init() { buffer.reserveCapacity(16_384) }

  mutating func bytes(_ bytes: [UInt8]) { buffer += bytes }

  /// Unsigned LEB128 of the value's bit pattern.
  mutating func uint64(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    buffer.append(UInt8(value))
  }

  mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }
  mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      int(utf8.count)
      buffer.append(contentsOf: utf8)
    }
  }

  mutating func strings(_ values: [String]) {
    int(values.count)
    for value in values { string(value) }
  }

  mutating func optionalString(_ value: String?) {
    bool(value != nil)
    if let value { string(value) }
  }

  mutating func optionalInt(_ value: Int?) {
    bool(value != nil)
    if let value { int(value) }
  }

  mutating func optionalVersion(_ value: APIVersion?) { optionalInt(value?.major) }

  mutating func location(_ value: SourceLocation?) {
    bool(value != nil)
    if let value {
      int(value.line)
      int(value.column)
    }
  }
}

/// Reads what `ByteWriter` wrote, from bytes that stay valid while it reads; throws `Malformed`
/// instead of reading past the end.
struct ByteReader {
  struct Malformed: Error {}

  private let bytes: UnsafeRawBufferPointer
  private(set) var offset = 0
  /// The path locations name.
  var file = ""

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var isAtEnd: Bool { offset == bytes.count }

  private mutating func byte() throws -> UInt8 {
    guard offset < bytes.count else { throw Malformed() }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// The range of the next `count` bytes, skipped.
  mutating func skip(_ count: Int) throws -> Range<Int> {
    guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
    defer { offset += count }
    return offset..<(offset + count)
  }

  mutating func uint64() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try byte()
      guard shift < 64 else { throw Malformed() }
      value |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }

  /// A count of items that follow: never negative, never more than the bytes left.
  mutating func count() throws -> Int {
    let count = try int()
    guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
    return count
  }

  mutating func bool() throws -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw Malformed()
    }
  }

  mutating func string() throws -> String {
    let range = try skip(try count())
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  mutating func strings() throws -> [String] { try (0..<count()).map { _ in try string() } }

  mutating func optionalString() throws -> String? { try bool() ? try string() : nil }
  mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }
  mutating func optionalVersion() throws -> APIVersion? { try optionalInt().map(APIVersion.init) }

  mutating func location() throws -> SourceLocation? {
    guard try bool() else { return nil }
    return SourceLocation(file: file, line: try int(), column: try int())
  }

  mutating func enumCase<T: CaseIterable>(_: T.Type) throws -> T where T.AllCases == [T] {
    let index = try int()
    guard index >= 0, index < T.allCases.count else { throw ByteReader.Malformed() }
    return T.allCases[index]
  }
}
