package ir

// Config is Suricata's config keyword: on a match, Subsys ("logging")
// is disabled for Type ("tx") over Scope ("tx": the matching
// transaction). Suricata 8 acts on no other combination it accepts.
type Config struct {
	Subsys, Type, Scope string
}

// DisablesTxLog reports whether the config keeps the matching
// transaction out of the app-layer logs.
func (c Config) DisablesTxLog() bool {
	return c.Subsys == "logging" && c.Type == "tx" && c.Scope == "tx"
}
