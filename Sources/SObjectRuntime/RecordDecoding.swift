/// What generated decoders share: a record's fields as the REST API sends them.
extension KeyedDecodingContainer {
  /// A field's value: nil when absent or (for a nillable field) null. Null in a field that is not
  /// nillable is refused: the API never sends it, so the data is not a record of this object.
  public func decodeField<Value: Decodable>(_ type: Value.Type, forKey key: Key, isNillable: Bool) throws -> Value? {
    if !isNillable, contains(key), try decodeNil(forKey: key) {
      throw DecodingError.valueNotFound(
        type, .init(codingPath: codingPath + [key], debugDescription: "\(key.stringValue) cannot be null"))
    }
    do {
      return try decodeIfPresent(type, forKey: key)
    } catch {
      if let error = error as? DecodingError, Self.names(error, key) { throw error }
      // Foundation on Linux reports some mismatches (a fraction for an Int) without a coding path:
      // name the field, so that every refusal says which field it is about.
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: codingPath + [key], debugDescription: "\(key.stringValue) holds no \(Value.self)",
          underlyingError: error))
    }
  }

  private static func names(_ error: DecodingError, _ key: Key) -> Bool {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
      .dataCorrupted(let context):
      return context.codingPath.contains { $0.stringValue == key.stringValue }
    @unknown default:
      return false
    }
  }

  /// The record's `attributes`, whose `type` must be the object's API name.
  public func decodeAttributes(forKey key: Key, object: String) throws -> RecordAttributes? {
    let attributes = try decodeIfPresent(RecordAttributes.self, forKey: key)
    if let attributes, attributes.type != object {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: codingPath + [key],
          debugDescription: "attributes name type '\(attributes.type)', not '\(object)'"))
    }
    return attributes
  }
}
