package ftw

// Exchange is one stage as the server sees it: the request read back as
// Apache reads it, and the test backend's response. It lets another engine
// run the same tests (bench/ runs Coraza on them).
type Exchange struct {
	Method, URI, Proto string
	Headers            [][2]string
	Body               []byte
	Status             int
	RespHeaders        [][2]string
	RespBody           []byte
}

// Logged is what an engine logged for an exchange: the ids of the logged
// rules and one ModSecurity-style error log line per logged rule.
type Logged struct {
	IDs   map[int]bool
	Lines string
}

// Engine runs an exchange through a WAF.
type Engine func(x *Exchange) Logged

// ReadStage builds the request of a stage as go-ftw sends it and reads it
// back as Apache does; ErrBadRequest for a request Apache refuses.
func ReadStage(in *Input) (*Exchange, error) {
	raw, err := rawRequest(in)
	if err != nil {
		return nil, err
	}
	req, err := parseRequest(raw)
	if err != nil {
		return nil, err
	}
	resp := backend(&req)
	return &Exchange{Method: req.method, URI: req.uri, Proto: req.proto, Headers: req.headers, Body: req.body,
		Status: resp.status, RespHeaders: resp.headers, RespBody: resp.body}, nil
}
