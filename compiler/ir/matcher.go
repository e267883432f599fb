package ir

// Matcher is one ordered test of a rule. Each matcher inspects one buffer;
// relative matchers continue from the previous match in that buffer.
type Matcher interface {
	Kind() string
	Buf() Buffer
}

// Buffer names an inspection buffer ("payload", "http.uri", "dns.query",
// a SecLang variable, ...) and the transformations applied to it first.
type Buffer struct {
	Name       string
	Transforms []Transform
}

// Transform is one buffer transformation with its optional argument.
type Transform struct{ Name, Arg string }

// BufPayload is the packet (or reassembled stream) payload.
const BufPayload = "payload"

// Num is an integer operand, either a constant or a byte_extract variable.
type Num struct {
	Val int64
	Var string
}

// Cmp is an integer comparison: Op is one of = != < > <= >= and "<>" for
// the open range A < x < B, or "<=>" for the closed range A <= x <= B.
type Cmp struct {
	Op   string
	A, B int64
}

// Content is a literal pattern with its modifiers. Offset, Depth, Distance
// and Within are nil when unset.
type Content struct {
	Buffer      Buffer
	Pattern     []byte
	Negated     bool
	Nocase      bool
	Offset      *Num
	Depth       *Num
	Distance    *Num
	Within      *Num
	StartsWith  bool
	EndsWith    bool
	RawBytes    bool
	FastPattern *FastPattern
}

// FastPattern marks the content the prefilter should use; Length > 0 selects
// the slice Pattern[Offset:Offset+Length].
type FastPattern struct {
	Only           bool
	Offset, Length int
}

// Relative reports whether the content continues from the previous match.
func (c *Content) Relative() bool { return c.Distance != nil || c.Within != nil }

// PCRE is a Perl-compatible regex. Flags keeps the regex modifiers
// (i, m, s, x, A, E, G); buffer selection flags have become Buffer.
type PCRE struct {
	Buffer     Buffer
	Pattern    string
	Flags      string
	Negated    bool
	Relative   bool
	MatchLimit bool // /O: override the match limit
	// Vars are the variables the captures set when the rule matches
	// (Suricata's pkt:/flow: capture names): Vars[i] takes capture i+1,
	// counted among the named groups only when NamedOnly (Suricata then
	// compiles without auto capture).
	Vars      []PCREVar
	NamedOnly bool
}

// PCREVar is a variable a pcre capture sets: Scope "flow" or "pkt" and
// its Name, or for a pkt key/value pair (KeyValue) a packet variable
// keyed by the capture with the next capture as its value.
type PCREVar struct {
	Scope    string
	Name     string
	KeyValue bool
}

// IsDataAt checks that the buffer has data at a position.
type IsDataAt struct {
	Buffer   Buffer
	At       Num
	Negated  bool
	Relative bool
	RawBytes bool
}

// ByteOpts are the conversion options shared by the byte_* keywords.
type ByteOpts struct {
	Bytes    int
	BytesVar string // byte count from a byte_extract variable, when set
	Offset   Num
	Relative bool
	Endian   string // "big", "little", "dce"
	Base     string // "" for binary, or "hex", "dec", "oct" for strings
	Bitmask  uint64
}

// ByteTest compares bytes of the buffer with a value.
type ByteTest struct {
	Buffer  Buffer
	Opts    ByteOpts
	Op      string // = < > <= >= & ^
	Negated bool
	Value   Num
}

// ByteJump moves the relative cursor by a value read from the buffer.
type ByteJump struct {
	Buffer        Buffer
	Opts          ByteOpts
	Multiplier    int64
	Align         bool
	FromBeginning bool
	FromEnd       bool
	PostOffset    int64
}

// ByteExtract reads a value from the buffer into a named variable.
type ByteExtract struct {
	Buffer     Buffer
	Opts       ByteOpts
	Name       string
	Multiplier int64
	Align      int
}

// Size compares a length: dsize (payload), bsize (sticky buffer), urilen.
type Size struct {
	Buffer Buffer
	What   string // "dsize", "bsize", "urilen"
	Cmp    Cmp
}

// TCPFlags tests the TCP flags byte (CWR ECE URG ACK PSH RST SYN FIN, plus
// bit 8 for NS is ignored). Mod is "" (exactly these, after Ignore), "+"
// (these and any others), "*" (any of these) or "!" (none of these).
type TCPFlags struct {
	Flags  uint8
	Mod    string
	Ignore uint8
}

// Field compares a packet header field: ttl, itype, icode, id, tos, ...
type Field struct {
	Name string
	Cmp  Cmp
}

// StreamSize compares bytes seen on the stream: Side is server, client,
// both or either.
type StreamSize struct {
	Side string
	Cmp  Cmp
}

// FlowCounter compares a flow's packet or byte count: What is "pkts" or
// "bytes", Dir "toserver", "toclient", "either" or "both".
type FlowCounter struct {
	What string
	Dir  string
	Cmp  Cmp
}

// Base64Decode decodes part of the buffer into the "base64" buffer.
type Base64Decode struct {
	Buffer   Buffer
	Bytes    int
	Offset   int
	Relative bool
}

func (m *Content) Kind() string      { return "content" }
func (m *PCRE) Kind() string         { return "pcre" }
func (m *IsDataAt) Kind() string     { return "isdataat" }
func (m *ByteTest) Kind() string     { return "byte_test" }
func (m *ByteJump) Kind() string     { return "byte_jump" }
func (m *ByteExtract) Kind() string  { return "byte_extract" }
func (m *Size) Kind() string         { return m.What }
func (m *TCPFlags) Kind() string     { return "flags" }
func (m *Field) Kind() string        { return m.Name }
func (m *StreamSize) Kind() string   { return "stream_size" }
func (m *Base64Decode) Kind() string { return "base64_decode" }
func (m *FlowCounter) Kind() string  { return "flow." + m.What }

func (m *Content) Buf() Buffer      { return m.Buffer }
func (m *PCRE) Buf() Buffer         { return m.Buffer }
func (m *IsDataAt) Buf() Buffer     { return m.Buffer }
func (m *ByteTest) Buf() Buffer     { return m.Buffer }
func (m *ByteJump) Buf() Buffer     { return m.Buffer }
func (m *ByteExtract) Buf() Buffer  { return m.Buffer }
func (m *Size) Buf() Buffer         { return m.Buffer }
func (m *TCPFlags) Buf() Buffer     { return Buffer{Name: "tcp.hdr"} }
func (m *Field) Buf() Buffer        { return Buffer{Name: "pkt.hdr"} }
func (m *StreamSize) Buf() Buffer   { return Buffer{Name: "stream"} }
func (m *Base64Decode) Buf() Buffer { return m.Buffer }
func (m *FlowCounter) Buf() Buffer  { return Buffer{Name: "flow"} }
