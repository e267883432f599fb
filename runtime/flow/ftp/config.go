package ftp

// Config is Suricata's app-layer.protocols.ftp settings.
type Config struct {
	// MaxTx bounds the transactions a flow holds (max-tx): past it the
	// oldest open one is completed with too_many_transactions and the
	// flow's parsing ends, as Suricata's parser errors out.
	MaxTx int
	// MaxLine is the line limit (max-line-length): longer lines are cut.
	MaxLine int
	// FileLimit bounds the bytes of an ftp-data file kept for inspection
	// (inspected-tracker.content-limit); sizes count every byte.
	FileLimit int
}

// DefaultConfig returns the settings of Suricata 8's default suricata.yaml.
func DefaultConfig() Config { return Config{MaxTx: 1024, MaxLine: 4096, FileLimit: 100000} }

// maxReplies bounds the reply lines a transaction keeps; later lines of
// an endless multi-line reply are counted in Parser.Truncated.
const maxReplies = 1024

// maxFileName is Suricata's SC_FILENAME_MAX less its terminator: the
// longest file name a transfer carries.
const maxFileName = 4095
