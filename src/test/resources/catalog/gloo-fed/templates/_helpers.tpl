{{/* Named gloo-fed.*: template names are shared with the charts gloo-fed is a subchart of. */}}

{{/* Image reference: a component image's registry falls back to global.image.registry. */}}
{{- define "gloo-fed.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{ $image.registry | default $root.Values.global.image.registry }}/{{ $image.repository }}:{{ $image.tag }}
{{- end -}}

{{/* Enterprise components read the licence from the license Secret. */}}
{{- define "gloo-fed.licenseEnv" -}}
- name: GLOO_LICENSE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.license_secret_name }}
      key: license-key
{{- end -}}
