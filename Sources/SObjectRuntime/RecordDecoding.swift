/// What generated decoders share: a record's fields as the REST API sends them.
extension KeyedDecodingContainer {
  /// A field's value: nil when absent or (for a nillable field) null. Null in a field that is not
  /// nillable is refused: the API never sends it, so the data is not a record of this object.
  public func decodeField<Value: Decodable>(_ type: Value.Type, forKey key: Key, isNillable: Bool) throws -> Value? {
    if !isNillable, contains(key), try decodeNil(forKey: key) {
      throw DecodingError.valueNotFound(
        type, .init(codingPath: codingPath + [key], debugDescription: "\(key.stringValue) cannot be null"))
    }
    return try decodeIfPresent(type, forKey: key)
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
