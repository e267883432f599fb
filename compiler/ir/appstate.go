package ir

// A TLS transaction's handshake progress, which app-layer-state compares
// (Fields named so): the client's and the server's, numbered as
// Suricata's TlsStateClient and TlsStateServer.
const (
	FieldTLSClientState = "tls.state.client"
	FieldTLSServerState = "tls.state.server"
)

// IsStateField reports whether a Field of that name compares a
// transaction's progress.
func IsStateField(name string) bool {
	return name == FieldTLSClientState || name == FieldTLSServerState
}
