package waf

// Mode is the rule engine mode, as SecRuleEngine sets it.
type Mode int

const (
	// On runs the rules and carries out their disruptive actions.
	On Mode = iota
	// DetectionOnly runs the rules and only records what they would do.
	DetectionOnly
	// Off runs no rules.
	Off
)

func (m Mode) String() string {
	switch m {
	case On:
		return "On"
	case DetectionOnly:
		return "DetectionOnly"
	}
	return "Off"
}

// Config are the engine settings. The compiled rules do not carry
// SecRuleEngine and the body settings; Config is where they come from.
type Config struct {
	Mode Mode

	RequestBodyAccess bool
	// RequestBodyLimit is the number of body bytes kept and inspected; 0
	// means ModSecurity's default, 13107200.
	RequestBodyLimit int
	// RejectLargeRequestBody interrupts (413) a body over the limit in On
	// mode, as SecRequestBodyLimitAction Reject does; otherwise the part
	// within the limit is processed.
	RejectLargeRequestBody bool
	// ArgumentsLimit bounds the arguments a body processor adds (0: none).
	ArgumentsLimit int
	// JSONDepthLimit bounds JSON nesting (0: ModSecurity's default, 1024).
	JSONDepthLimit int

	ResponseBodyAccess bool
	// ResponseBodyLimit is the number of response body bytes kept; 0
	// means 524288.
	ResponseBodyLimit int
	// ResponseBodyMimeTypes are the media types whose bodies are
	// inspected; nil means text/plain and text/html.
	ResponseBodyMimeTypes []string

	// TxVars are TX variables set before phase 1, as a first SecAction
	// would (CRS reads tx.blocking_paranoia_level and the like).
	TxVars map[string]string
}

const (
	defaultRequestBodyLimit  = 13107200
	defaultResponseBodyLimit = 524288
	defaultJSONDepth         = 1024
)

func (c Config) withDefaults() Config {
	if c.RequestBodyLimit <= 0 {
		c.RequestBodyLimit = defaultRequestBodyLimit
	}
	if c.ResponseBodyLimit <= 0 {
		c.ResponseBodyLimit = defaultResponseBodyLimit
	}
	if c.JSONDepthLimit <= 0 {
		c.JSONDepthLimit = defaultJSONDepth
	}
	if c.ResponseBodyMimeTypes == nil {
		c.ResponseBodyMimeTypes = []string{"text/plain", "text/html"}
	}
	return c
}
