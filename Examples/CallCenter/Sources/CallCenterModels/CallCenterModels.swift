// The models are generated from Metadata/ on every build by SObjectGenPlugin.
@_exported import SObjectRuntime
