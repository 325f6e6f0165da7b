-- Argo CD health of an aiguard.io ModelDeployment, from the status the operator writes (docs/install.md).
-- Healthy: Compliant and Ready, or NonCompliant under Audit (served, findings reported). Progressing: the operator
-- has not reconciled the current generation yet, or the rollout is under way. Degraded: Blocked, Error, a Stalled
-- condition, or NonCompliant under Enforce. Suspended: Quarantined (isolated on purpose until a human acts).
-- Only status written by the operator counts: spec (which the model's owner controls) never makes a model healthy.
local hs = {}

local function condition(status, wanted)
  if type(status.conditions) ~= "table" then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if type(c) == "table" and c.type == wanted then
      return c
    end
  end
  return nil
end

local function text(value, fallback)
  if type(value) == "string" and value ~= "" then
    return value
  end
  return fallback
end

local status = obj.status
if type(status) ~= "table" then
  hs.status = "Progressing"
  hs.message = "Waiting for the AiGuard operator to evaluate the ModelDeployment"
  return hs
end

local generation = type(obj.metadata) == "table" and obj.metadata.generation or 0
if type(generation) ~= "number" then
  generation = 0
end
if type(status.observedGeneration) ~= "number" or status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the AiGuard operator to evaluate generation " .. tostring(generation)
  return hs
end

local phase = status.phase
local ready = condition(status, "Ready")
local readyMessage = text(ready and ready.message, "")
local stalled = condition(status, "Stalled")
local reconciling = condition(status, "Reconciling")

if phase == "Quarantined" then
  hs.status = "Suspended"
  hs.message = "Quarantined: " .. text(readyMessage, "isolated by the AiGuard operator")
  return hs
end
if phase == "Blocked" then
  hs.status = "Degraded"
  hs.message = "Rollout blocked: " .. text(readyMessage, "a finding blocks the rollout")
  return hs
end
if phase == "Error" then
  hs.status = "Degraded"
  hs.message = "Error: " .. text(readyMessage, "the AiGuard operator cannot reconcile it")
  return hs
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = "Stalled: " .. text(stalled.message, text(stalled.reason, "needs a change to progress"))
  return hs
end
if phase == "Progressing" or (reconciling ~= nil and reconciling.status == "True") then
  hs.status = "Progressing"
  hs.message = text(reconciling and reconciling.message, text(readyMessage, "Rolling out"))
  return hs
end
if phase == "NonCompliant" then
  local findings = 0
  if type(status.findings) == "table" then
    for _, f in ipairs(status.findings) do
      if type(f) == "table" and f.waived ~= true then
        findings = findings + 1
      end
    end
  end
  local summary = tostring(findings) .. " unwaived finding(s), compliance score " .. tostring(status.complianceScore or 0)
  if status.enforcement == "Audit" then
    hs.status = "Healthy"
    hs.message = "Served under Audit with " .. summary
  else
    hs.status = "Degraded"
    hs.message = "NonCompliant under Enforce: " .. summary
  end
  return hs
end
if phase == "Compliant" then
  if ready ~= nil and ready.status == "True" then
    hs.status = "Healthy"
    hs.message = "Compliant: " .. text(readyMessage, "served and reconciled")
  else
    hs.status = "Progressing"
    hs.message = "Compliant, waiting for the Deployment: " .. text(readyMessage, "not Ready yet")
  end
  return hs
end

hs.status = "Unknown"
hs.message = "Unrecognised phase " .. tostring(phase)
return hs
