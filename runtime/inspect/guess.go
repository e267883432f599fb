package inspect

// GuessedTx is the app-layer transaction an alert of a packet or stream
// rule names (Suricata's detect.guess-applayer-tx): the transaction the
// unit's direction is inspecting, when it is the flow's newest. The
// flow tracker owns it; the engine counts the alerts that named it.
type GuessedTx struct {
	Tx uint64 // from 1, as Unit.Tx
	// Sections gives the transaction's EVE sections as they are now.
	Sections func() map[string]map[string]any
	// Logged counts the alerts that named it; Limit bounds them
	// (detect.stream-tx-log-limit).
	Logged, Limit int
}

// Name reports whether an alert may still name the transaction, and
// counts it when it may.
func (g *GuessedTx) Name() bool {
	if g == nil || g.Logged >= g.Limit {
		return false
	}
	g.Logged++
	return true
}
