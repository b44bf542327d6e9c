"""Converts the sd-jwt-python test case specifications (YAML with !sd tags) into JSON that the C# tests read.

Run from this folder: python3 convert.py <path to sd-jwt-python tests/testcases>. Needs PyYAML.
Output per case, in cases.json:
  user_claims                 the claims without tags
  sd_paths                    claims path pointers (OpenID4VP 1.0 §7) of every !sd-tagged key or array element
  holder_disclose_paths       paths the holder discloses, from holder_disclosed_claims (True = that claim and all
                              inside it; a nested mapping or list = descend; False / None = not disclosed)
  expect_verified_user_claims the expected processed claims
  key_binding, extra_header_parameters as given. JSON-serialization cases are skipped (compact only).
"""
import json, os, sys, datetime
import yaml

class Sd:
    def __init__(self, value): self.value = value
    def __hash__(self): return hash(self.value)
    def __eq__(self, other): return isinstance(other, Sd) and other.value == self.value

def construct_sd(loader, node):
    if isinstance(node, yaml.ScalarNode):
        # The explicit tag hides the scalar's implicit type (int, float, bool, null); resolve it as untagged.
        tag = loader.resolve(yaml.ScalarNode, node.value, (node.style is None, False))
        return Sd(loader.construct_object(yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)))
    if isinstance(node, yaml.SequenceNode): return Sd(loader.construct_sequence(node, deep=True))
    return Sd(loader.construct_mapping(node, deep=True))

class Loader(yaml.SafeLoader): pass
Loader.add_constructor("!sd", construct_sd)

def plain(value, path, sd_paths):
    if isinstance(value, Sd):
        sd_paths.append(list(path))
        return plain(value.value, path, sd_paths)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            name = k.value if isinstance(k, Sd) else k
            if isinstance(k, Sd): sd_paths.append(list(path) + [name])
            out[name] = plain(v, path + [name], sd_paths)
        return out
    if isinstance(value, list):
        return [plain(v, path + [i], sd_paths) for i, v in enumerate(value)]
    if isinstance(value, (datetime.date, datetime.datetime)): return value.isoformat()
    return value

def disclose(value, path, out):
    if value is True: out.append(list(path))
    elif isinstance(value, dict):
        for k, v in value.items(): disclose(v, path + [k], out)
    elif isinstance(value, list):
        for i, v in enumerate(value): disclose(v, path + [i], out)

def main(root):
    cases = {}
    for name in sorted(os.listdir(root)):
        spec = os.path.join(root, name, "specification.yml")
        if not os.path.isfile(spec): continue
        data = yaml.load(open(spec, encoding="utf-8"), Loader=Loader)
        if data.get("serialization_format", "compact") != "compact": continue
        sd_paths = []
        claims = plain(data["user_claims"], [], sd_paths)
        paths = []
        disclose(data.get("holder_disclosed_claims") or {}, [], paths)
        cases[name] = {
            "user_claims": claims,
            "sd_paths": sd_paths,
            "holder_disclose_paths": paths,
            "expect_verified_user_claims": plain(data["expect_verified_user_claims"], [], []),
            "key_binding": bool(data.get("key_binding", False)),
            "extra_header_parameters": data.get("extra_header_parameters") or {},
        }
    json.dump(cases, open("cases.json", "w", encoding="utf-8"), indent=2, ensure_ascii=False, sort_keys=True)

main(sys.argv[1])
