// The record types of this module are generated on every build from Metadata/ by SObjectGenPlugin
// (one struct per object file); Generated/swift/ holds a copy for review. Importing SObjectModels
// also brings the runtime types the models use (typed IDs, datetimes, picklists, validation).
@_exported import SObjectRuntime
