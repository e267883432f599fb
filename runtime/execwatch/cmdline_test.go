package execwatch

import (
	"errors"
	"strings"
	"testing"
)

func TestParseInvocation(t *testing.T) {
	cases := []struct {
		runtime string
		args    string
		want    invocation
		err     string // substring of the error; "" for none
	}{
		{"runc", "--root /run/runc create --bundle /b cid", invocation{command: "create", id: "cid", bundle: "/b"}, ""},
		{"runc", "--root=/run/runc --log /l --log-format json run -d --bundle=rel cid", invocation{command: "run", id: "cid", bundle: "rel"}, ""},
		{"runc", "run -b /b --pid-file /p --console-socket /s cid", invocation{command: "run", id: "cid", bundle: "/b"}, ""},
		{"runc", "--debug start cid", invocation{command: "start", id: "cid"}, ""},
		{"runc", "--systemd-cgroup delete --force cid", invocation{command: "delete", id: "cid"}, ""},
		{"runc", "create --unknown-value v cid", invocation{command: "create", id: "cid"}, ""},
		{"runc", "exec --user 0:0 --cwd / -t cid sh -c true", invocation{command: "exec", id: "cid"}, ""},
		{"runc", "exec --process /p.json -- cid", invocation{command: "exec", id: "cid"}, ""},
		{"runc", "kill cid KILL", invocation{command: "kill", id: "cid"}, ""},
		{"runc", "--root run state cid", invocation{command: "state", id: "cid"}, ""},
		{"runc", "--custom val list", invocation{command: "list"}, ""},
		{"crun", "--cgroup-manager systemd spec", invocation{command: "spec"}, ""},
		{"runsc", "--platform systrap --network host create --bundle /b cid", invocation{command: "create", id: "cid", bundle: "/b"}, ""},
		{"runc", "init", invocation{command: "init"}, ""},
		{"runc", "", invocation{}, "no runtime command"},
		{"runc", "--version", invocation{}, "no runtime command"},
		{"runc", "hello world", invocation{}, `"hello" is neither an option nor a runtime command`},
		{"runc", "--root /x /y run cid", invocation{}, `"/y" is neither`},
		{"runc", "start", invocation{}, "start without a container id"},
		{"runc", "exec --user 0", invocation{}, "exec without a container id"},
		{"containerd-shim-runc-v2", "-namespace k8s.io -address /run/c.sock -publish-binary /usr/bin/containerd -id abc start", invocation{command: "start", id: "abc"}, ""},
		{"containerd-shim-runc-v2", "-namespace=default -id abc -debug -bundle /b", invocation{id: "abc", bundle: "/b"}, ""},
		{"containerd-shim-runc-v2", "--namespace default --id abc delete", invocation{command: "delete", id: "abc"}, ""},
		{"containerd-shim-runc-v2", "-id abc start", invocation{}, "without -namespace and -id"},
		{"containerd-shim-runc-v2", "-namespace n -id abc serve", invocation{}, `unknown shim action "serve"`},
		{"conmon", "--api-version 1 -c abc -u abc -r /usr/bin/runc -b /b -p /pid -n name -t", invocation{id: "abc", bundle: "/b"}, ""},
		{"conmon", "--cid=abc --runtime=/usr/bin/crun --bundle=/b", invocation{id: "abc", bundle: "/b"}, ""},
		{"conmon", "-c abc -b /b", invocation{}, "without --cid, --runtime and --bundle"},
	}
	for _, c := range cases {
		t.Run(c.runtime+" "+c.args, func(t *testing.T) {
			got, err := parseInvocation(familyOf(c.runtime), strings.Fields(c.args))
			switch {
			case c.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, errShape)):
				t.Fatalf("error %v, want one with %q", err, c.err)
			case got != c.want:
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestFamilyOf(t *testing.T) {
	cases := map[string]family{
		"runc": ociCLI, "crun": ociCLI, "my-runtime": ociCLI,
		"containerd-shim-runc-v2": shim, "containerd-shim-kata-v2": shim, "conmon": conmon,
	}
	for name, want := range cases {
		if got := familyOf(name); got != want {
			t.Errorf("%s: family %d, want %d", name, got, want)
		}
	}
}
