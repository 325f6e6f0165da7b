-- Argo CD health of an aiguard.io GuardPolicy (cluster-scoped), from the status the AiGuard operator writes.
-- Healthy: Ready=True for the current generation. Degraded: Ready=False (e.g. an invalid policy).
-- Progressing: the operator has not evaluated the current generation yet.
local hs = {}

local status = obj.status
local generation = type(obj.metadata) == "table" and obj.metadata.generation or 0
if type(generation) ~= "number" then
  generation = 0
end
if type(status) ~= "table" or type(status.observedGeneration) ~= "number" or status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the AiGuard operator to evaluate generation " .. tostring(generation)
  return hs
end

local ready = nil
if type(status.conditions) == "table" then
  for _, c in ipairs(status.conditions) do
    if type(c) == "table" and c.type == "Ready" then
      ready = c
    end
  end
end

local message = (ready and type(ready.message) == "string" and ready.message) or ""
if ready == nil or ready.status == "Unknown" then
  hs.status = "Progressing"
  hs.message = "Waiting for the AiGuard operator to report Ready"
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
else
  hs.status = "Degraded"
  hs.message = tostring(ready.reason or "NotReady") .. ": " .. message
end
return hs
