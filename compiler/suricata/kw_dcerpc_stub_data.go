package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

// dcerpc.stub_data (dce_stub_data) selects the stub data of the
// transaction's requests (to the server) or responses (to the client),
// reassembled over fragments.
func init() {
	const name = "dcerpc.stub_data"
	sticky := func(b *builder, o *syntax.Option) error {
		if err := needDCERPC(b, name); err != nil {
			return err
		}
		dir, err := bufferDirection(name, o.Value)
		if err != nil {
			return err
		}
		return b.setBufferDir(name, "dcerpc", dir)
	}
	register(name, valueOptional, sticky)
	register("dce_stub_data", valueNone, sticky)
}
