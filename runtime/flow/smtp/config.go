package smtp

import "github.com/rulec/rulec/runtime/filehash"

// Config is Suricata's app-layer.protocols.smtp settings.
type Config struct {
	// DecodeMIME parses each mail as MIME (mime.decode-mime); DecodeBase64
	// and DecodeQP decode the bodies of those encodings.
	DecodeMIME, DecodeBase64, DecodeQP bool
	// ExtractURLs collects URLs of URLSchemes (space-separated, "http://")
	// from text parts; LogURLScheme keeps the scheme in them.
	ExtractURLs  bool
	URLSchemes   string
	LogURLScheme bool
	// MaxTx bounds the transactions of a flow (max-tx): past it the
	// parser stops making new ones.
	MaxTx int
	// FileLimit bounds the bytes of each file kept for inspection
	// (inspected-tracker.content-limit); sizes count every byte.
	FileLimit int
	// FileHashes are the digests computed of every attachment, over all
	// of its decoded bytes.
	FileHashes filehash.Kinds
	// LogCustom lists, space-separated, the extra main headers the email
	// section logs (the eve-log smtp type's custom: subject, x-mailer,
	// received, date, ...; by config or header name).
	LogCustom string
}

// DefaultConfig returns the settings of Suricata 8's default suricata.yaml.
func DefaultConfig() Config {
	return Config{DecodeMIME: true, DecodeBase64: true, DecodeQP: true, ExtractURLs: true,
		URLSchemes: "http://", MaxTx: 256, FileLimit: 100000}
}
