package http

// Config bounds what a Parser holds.
type Config struct {
	// MaxHeaderBytes bounds a start line plus headers; a longer head stops
	// parsing in that direction.
	MaxHeaderBytes int
	// BodyLimit is the most bytes of a body kept for inspection, both
	// before and after decompression (Suricata's request-body-limit and
	// response-body-limit).
	BodyLimit int
	// EncodedLimit is the most bytes of a body with a Content-Encoding kept
	// for decompression.
	EncodedLimit int
}

// DefaultConfig returns Suricata-like limits: 64 KiB heads, 100 KiB
// bodies, 1 MiB of compressed body.
func DefaultConfig() Config {
	return Config{MaxHeaderBytes: 64 << 10, BodyLimit: 100 << 10, EncodedLimit: 1 << 20}
}
